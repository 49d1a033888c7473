"""The small text markup of Meja Tulis, to rich text and back."""

import pytest

from portal.markup import to_markup, to_rich_text


class TestToRichText:
    def test_paragraphs_bold_lists_and_links(self):
        text = (
            "Warga **bergotong royong**.\nBaris kedua.\n\n- satu\n- dua\n\n"
            "1. pertama\n2. kedua\n\n## Jadwal\nLihat [balai](https://desa.id/x?a=1&b=2)."
        )

        assert to_rich_text(text) == (
            "<p>Warga <b>bergotong royong</b>.<br/>Baris kedua.</p>"
            "<ul><li>satu</li><li>dua</li></ul>"
            "<ol><li>pertama</li><li>kedua</li></ol>"
            "<h2>Jadwal</h2>"
            '<p>Lihat <a href="https://desa.id/x?a=1&amp;b=2">balai</a>.</p>'
        )

    @pytest.mark.parametrize(
        "text",
        [
            "[klik](javascript:alert(1))",
            "[klik](data:text/html,x)",
            "[klik](ftp://desa.id/)",
            "[klik](//desa.id/)",
        ],
    )
    def test_only_web_addresses_become_links(self, text):
        assert "href" not in to_rich_text(text)

    def test_html_written_by_hand_stays_text(self):
        html = to_rich_text('<img src=x onerror="alert(1)"> <b>x</b>')

        assert "<img" not in html
        assert "<b>x</b>" not in html
        assert "&lt;img" in html


class TestToMarkup:
    def test_the_markup_comes_back_for_editing(self):
        text = (
            "Warga **bergotong royong**.\n\n- satu\n- dua\n\n"
            "## Jadwal\n\nLihat [balai](https://desa.id/x)."
        )

        markup, lossy = to_markup(to_rich_text(text))

        assert markup == text
        assert not lossy

    def test_what_the_markup_cannot_carry_is_told(self):
        markup, lossy = to_markup(
            '<p data-block-key="a">Lihat <a linktype="page" id="3">profil</a> '
            '<i>miring</i></p><embed embedtype="image" id="1" format="left"/>'
        )

        assert markup == "Lihat profil miring"
        assert lossy
