"""The certificate keeps its layout with a production-length verification address."""

import re
import shutil
import subprocess

import pytest

from certificates.pdf import render_certificate
from certificates.services import issue_certificate
from courses.factories import build_course

MM = 72 / 25.4  # points per millimetre
LONG_BASE_URL = "https://literasi.belitungtimurkab.go.id"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)"
)


@pytest.fixture
def certificate(settings, tmp_path, operator, portal):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WAGTAILADMIN_BASE_URL = LONG_BASE_URL
    course = build_course(title="Operator Website Desa", modules=1)
    operator.first_name = "Siti Nurhaliza Kusumawardhani"
    operator.last_name = "Prasetyaningrum"
    operator.save()
    return issue_certificate(operator=operator, course=course)


def word_boxes(pdf, tmp_path):
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftotext", "-bbox", str(path), "-"],  # noqa: S607 - a fixed command
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        (float(x0), float(y0), float(x1), float(y1), text)
        for x0, y0, x1, y1, text in pattern.findall(html)
    ]


def test_the_verification_line_keeps_clear_of_the_signature(certificate, tmp_path):
    """The long address wraps in its column; the signature block stays in the frame."""
    words = word_boxes(render_certificate(certificate), tmp_path)
    url_words = [w for w in words if "belitungtimurkab" in w[4]]
    assert [w[4] for w in url_words] == [
        "https://literasi.belitungtimurkab.go.id/sertifikat/cek/"
    ], "the address of the check page is printed whole, on one line"
    signature_words = [w for w in words if w[4] in ("Kepala", "Dinas") or "NIP" in w[4]]
    assert signature_words
    url_right = max(w[2] for w in url_words)
    signature_left = min(w[0] for w in signature_words)
    assert url_right + 3 * MM <= signature_left, url_words

    # The inner frame: 18 mm padding + 5 mm border on each side of the A4 sheet.
    frame_left, frame_right = 23 * MM, (297 - 23) * MM
    for x0, _y0, x1, _y1, text in words:
        assert frame_left <= x0 and x1 <= frame_right, f"{text!r} crosses the frame"
