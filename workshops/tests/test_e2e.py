"""A workshop day end to end in headless Chromium on a 360×640 phone viewport.

Chromium is shared by the session (lms/testing/browser.py); screenshots go to
artifacts/screenshots/ (ignored by git).
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.factories import OperatorFactory, TrainerFactory
from certificates.models import Certificate
from courses.factories import build_course_tree
from lms.testing.browser import screenshots_dir
from portal.services import setup_portal
from regions.services import import_regions_from_lokal
from workshops.factories import build_workshop
from workshops.services import workshops as services

# serialized_rollback puts back what migrations created after the flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def day():
    """A one-module course that requires attendance, and today's workshop for it."""
    cache.clear()
    import_regions_from_lokal(prefixes=["19.06.02"])
    setup_portal(kabupaten_code="19.06")
    course = build_course_tree(
        {
            "title": "Operator Website Desa: Dasar",
            "slug": "dasar",
            "summary": "Kursus dasar.",
            "requires_workshop_attendance": True,
            "grants_publishing_rights": True,
            "modules": [
                {
                    "title": "Mengenal portal desa",
                    "slug": "mengenal",
                    "lessons": [
                        {
                            "title": "Portal dan peran",
                            "slug": "portal",
                            "body": [
                                {"type": "text", "value": "<p>Operator menulis.</p>"}
                            ],
                        }
                    ],
                    "quiz": {
                        "title": "Kuis modul 1",
                        "slug": "kuis",
                        "questions": [
                            {
                                "type": "true_false",
                                "value": {
                                    "question": "Kata sandi boleh dibagikan.",
                                    "explanation": "",
                                    "answer": False,
                                },
                            }
                        ],
                    },
                }
            ],
        }
    )
    trainer = TrainerFactory(region_code="19.06", password="sandi-pendamping-26")
    operator = OperatorFactory(
        region_code="19.06.02.2003",
        phone="+6281219060203",
        first_name="Siti",
        last_name="Aminah",
        password="sandi-rahasia-2026",
    )
    workshop = build_workshop(actor=trainer, course=course)
    services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
    return course, workshop, trainer, operator


def sign_in(page, base, username, password):
    page.goto(f"{base}/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_a_workshop_day_from_check_in_to_certificate(live_server, browser, day):
    """Check in by QR URL, finish the module, show on the live board, get the certificate."""
    course, workshop, trainer, operator = day
    session = workshop.invitations.get(operator=operator).session
    phone = browser.new_context(
        viewport={"width": 360, "height": 640}, java_script_enabled=False
    ).new_page()
    sign_in(phone, live_server.url, "0812 1906 0203", "sandi-rahasia-2026")
    phone.goto(
        live_server.url
        + reverse(
            "workshops:check_in",
            args=[session.pk, services.checkin_code(session=session)],
        )
    )
    phone.click("button:has-text('Catat kehadiran saya')")
    assert "Anda sudah tercatat hadir" in phone.content()
    phone.screenshot(path=str(screenshots_dir() / "w1-checked-in.png"), full_page=True)
    phone.goto(live_server.url + course.url)
    phone.click("text=Mulai")
    phone.click("text=Tandai selesai dan lanjutkan")
    phone.click("button:has-text('Mulai kuis')")
    phone.get_by_label("Salah", exact=True).check()
    phone.click("button[value=review]")
    phone.click("button:has-text('Kirim jawaban')")
    assert "Lulus" in phone.content()
    phone.screenshot(path=str(screenshots_dir() / "w2-passed.png"), full_page=True)

    projector = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    sign_in(projector, live_server.url, trainer.username, "sandi-pendamping-26")
    projector.goto(live_server.url + reverse("workshops:board", args=[workshop.pk]))
    board = projector.content()
    assert "Siti Aminah" in board and "1/1 ✓" in board
    projector.screenshot(path=str(screenshots_dir() / "w3-board.png"), full_page=True)
    projector.goto(live_server.url + reverse("workshops:detail", args=[workshop.pk]))
    projector.click("button:has-text('Terbitkan sertifikat yang diraih')")
    assert (
        Certificate.objects.filter(
            operator=operator, course=course, status="valid"
        ).count()
        == 1
    )

    phone.goto(live_server.url + reverse("courses:my_courses"))
    assert "Unduh sertifikat (PDF)" in phone.content()
    phone.screenshot(path=str(screenshots_dir() / "w4-certificate.png"), full_page=True)
