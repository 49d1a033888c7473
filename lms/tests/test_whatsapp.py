from urllib.parse import parse_qs, urlsplit

from lms.shared.whatsapp import click_to_chat_url


def test_link_opens_chat_with_the_number_and_the_message_filled_in():
    url = click_to_chat_url(
        phone="0812 3456 7890", text="Halo Bu Sari, undangan & jadwal"
    )

    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "wa.me",
        "/6281234567890",
    )
    assert parse_qs(parts.query)["text"] == ["Halo Bu Sari, undangan & jadwal"]


def test_e164_numbers_give_the_same_link():
    assert click_to_chat_url(phone="+6281234567890", text="x") == click_to_chat_url(
        phone="081234567890", text="x"
    )


def test_no_link_without_a_mobile_number():
    assert click_to_chat_url(phone=None, text="x") is None
    assert click_to_chat_url(phone="", text="x") is None
    assert click_to_chat_url(phone="12", text="x") is None
