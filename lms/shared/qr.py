"""QR codes as inline SVG that scale to whatever size the page gives them."""

import segno


def qr_svg(data: str, *, border: int = 2, dark: str = "#000") -> str:
    """An `<svg>` with a viewBox and no fixed size: set its width in CSS."""
    return segno.make(data, error="m").svg_inline(
        scale=1, border=border, dark=dark, omitsize=True
    )
