"""WhatsApp click-to-chat links: the message is filled in, the sender presses send.

No paid gateway: the link opens WhatsApp (app or web) on the trainer's own phone or
laptop with the operator's number and the text ready. See
https://faq.whatsapp.com/5913398998672934 (wa.me links).
"""

from urllib.parse import quote

from lokal import parse_phone


def click_to_chat_url(*, phone: str | None, text: str) -> str | None:
    """The wa.me link that opens a chat with `phone` and `text` typed in, or None.

    `phone` may be in any common Indonesian form (0812…, +62812…, 62812…); a number
    that is not a valid Indonesian mobile number gives None, so the caller shows no link.
    """
    if not phone:
        return None
    info = parse_phone(str(phone).strip())
    if not info.valid or info.type != "mobile" or not info.whatsapp:
        return None
    return f"https://wa.me/{info.whatsapp}?text={quote(text, safe='')}"
