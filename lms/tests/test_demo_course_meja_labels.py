"""The starter course names exactly the buttons and screens of Meja Tulis.

`MEJA_LABELS` are the words of Meja Tulis the lessons name in bold. Each must stand
whole as the text of an element (a button, link, label or state) on the Meja Tulis
screens as an operator sees them in Indonesian; renaming a button without
rewriting the course fails here, and so does a lesson naming a button Meja Tulis
does not have.
"""

import html
import json
import re
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from lms.management.commands.load_demo import read_demo_course
from portal.factories import NewsPageFactory
from portal.models import NewsPage
from portal.services import grant_publishing_rights

MEJA_LABELS = [
    "Meja Tulis",
    "Tulis berita",
    "Tulis potensi desa",
    "Tulis progres pembangunan",
    "Simpan draf",
    "Simpan dan pratinjau",
    "Pratinjau",
    "Kembali ke formulir",
    "Kirim untuk moderasi",
    "Terbitkan",
    "Tarik dari moderasi",
    "Turunkan halaman ini",
    "Hapus",
    "Draf",
    "Menunggu moderasi",
    "Dikembalikan untuk diperbaiki",
    "Terbit",
    "Judul",
    "Teks",
    "Keterangan foto",
    "Pariwisata",
    "Kemajuan (%)",
    "Tanggal laporan",
]
# A bold phrase starting with one of these words names a button or screen.
ACTION_WORDS = (
    "Simpan",
    "Kirim",
    "Terbitkan",
    "Tarik",
    "Turunkan",
    "Tulis ",
    "Hapus",
    "Tambah",
)


def course_text():
    folder = Path(apps.get_app_config("courses").path) / "demo"
    return "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.json"))


def bold_phrases():
    return {html.unescape(b) for b in re.findall(r"<b>([^<]+)</b>", course_text())}


def screens_of(operator, desa_page, moderator):
    """The HTML of every Meja Tulis screen an operator meets, in Indonesian."""
    browser = Client()
    browser.force_login(operator)
    pages = [browser.get(reverse("meja:index"))]
    pages += [
        browser.get(reverse("meja:create", args=[kind]))
        for kind in ("berita", "potensi", "progres")
    ]
    browser.post(
        reverse("meja:create", args=["berita"]),
        {
            "token": str(uuid.uuid4()),
            "title": "Kerja bakti",
            "date": "2026-03-02",
            "text": "Warga bergotong royong.",
            "action": "submit",
        },
    )
    sent = NewsPage.objects.child_of(desa_page).get()
    edit = reverse("meja:edit", args=[sent.pk])
    pages += [browser.get(edit), browser.get(reverse("meja:index"))]
    sent.current_workflow_task_state.reject(user=moderator, comment="Sebutkan dusun.")
    pages += [browser.get(edit), browser.get(reverse("meja:index"))]
    draft = NewsPageFactory(parent=desa_page, title="Draf panen", live=False)
    draft.owner = operator
    draft.save()
    draft.save_revision(user=operator)
    pages += [
        browser.get(reverse("meja:edit", args=[draft.pk])),
        browser.get(reverse("meja:preview", args=[draft.pk])),
        browser.get(reverse("meja:delete", args=[draft.pk])),
    ]
    grant_publishing_rights(operator=operator)
    live = NewsPageFactory(parent=desa_page, title="Panen lada", live=True)
    pages += [
        browser.get(reverse("meja:create", args=["berita"])),
        browser.get(reverse("meja:edit", args=[live.pk])),
        browser.get(reverse("meja:index")),
    ]
    assert all(p.status_code == 200 for p in pages)
    return html.unescape("".join(p.content.decode() for p in pages))


def test_every_label_is_named_in_the_course():
    """The list follows the course: a label the lessons no longer name goes."""
    assert sorted(set(MEJA_LABELS) - bold_phrases()) == []


def test_every_button_the_course_names_is_in_the_list():
    """A lesson that names a button in bold names one of Meja Tulis's."""
    named = {b for b in bold_phrases() if b.startswith(ACTION_WORDS)}
    assert sorted(named - set(MEJA_LABELS)) == []


def test_the_short_answer_names_the_real_button():
    """The quiz's first accepted answer is the label of the button."""
    quiz = read_demo_course()["modules"][0]["quiz"]
    answers = [
        q["value"]["accepted"][0]
        for q in quiz["questions"]
        if q["type"] == "short_text" and "tombol" in q["value"]["question"]
    ]
    assert answers == ["Kirim untuk moderasi"]
    assert answers[0] in MEJA_LABELS


@pytest.mark.django_db
def test_every_label_stands_on_a_meja_tulis_screen(operator, desa_page, gantung_admin):
    screens = screens_of(operator, desa_page, gantung_admin)

    missing = [
        label
        for label in MEJA_LABELS
        if not re.search(r">\s*" + re.escape(label) + r"\s*<", screens)
    ]

    assert missing == [], "Rename these in courses/demo/*.json: " + ", ".join(missing)


def test_the_course_files_are_valid_json():
    folder = Path(apps.get_app_config("courses").path) / "demo"
    for path in folder.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
