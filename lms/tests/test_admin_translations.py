"""The Wagtail admin screens of desa operators read in Indonesian.

Wagtail ships only a small `id_ID` catalogue, which Django does not use for `id`; the
project's own catalogue in lms/translations/wagtail/id/ (built with
scripts/wagtail_translations.py) fills the gap. These tests log in as an operator of
Desa Jangkar Asam in the shared world (see the root conftest) and read the screens the
operator works with.
"""

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings
from django.core import mail
from django.utils.translation import gettext, ngettext, override

from accounts.models import User
from portal.models import NewsPage
from portal.services import assign_portal_groups
from regions.models import Region

# Operators play the limited editor whose rights the admin must hold back.
pytestmark = pytest.mark.usefixtures("operators_as_limited_editors")


DESA_CODE = "19.06.02.2003"
KECAMATAN_CODE = "19.06.02"
PASSWORD = "Sandi-Operator-2026"
CATALOGUE_DIR = (
    Path(settings.BASE_DIR) / "lms" / "translations" / "wagtail" / "id" / "LC_MESSAGES"
)
WAGTAIL_DIR = Path(wagtail.__file__).resolve().parent

# Wagtail source files rendered on the operators' screens, by the app whose English
# catalogue lists them. Every msgid referenced from these must be translated.
OPERATOR_SOURCES = {
    "admin": [
        "action_menu.py",
        "templates/wagtailadmin/pages/action_menu/",
        "templates/wagtailadmin/pages/add_subpage.html",
        "templates/wagtailadmin/pages/listing/",
        "templates/wagtailadmin/pages/confirm_delete.html",
        "templates/wagtailadmin/pages/confirm_unpublish.html",
        "templates/wagtailadmin/pages/confirm_workflow_cancellation.html",
        "templates/wagtailadmin/shared/side_panels/",
        "templates/wagtailadmin/shared/page_status_tag.html",
        "templates/wagtailadmin/shared/page_status_tag_new.html",
        "templates/wagtailadmin/shared/unsaved_changes_warning.html",
        "templates/wagtailadmin/shared/editing_sessions/",
        "templates/wagtailadmin/shared/workflow_history/",
        "templates/wagtailadmin/panels/",
        "templates/wagtailadmin/home/",
        "templates/wagtailadmin/notifications/",
        "templates/wagtailadmin/workflows/workflow_status.html",
        "templates/wagtailadmin/chooser/",
        "views/pages/create.py",
        "views/pages/edit.py",
        "views/pages/listing.py",
        "views/account.py",
        "ui/side_panels.py",
    ],
    "": ["locks.py", "models/draft_state.py", "models/workflows.py"],
    "images": [
        "templates/wagtailimages/chooser/",
        "templates/wagtailimages/multiple/",
        "templates/wagtailimages/images/add.html",
        "fields.py",
        "forms.py",
    ],
    "documents": ["templates/wagtaildocs/chooser/", "templates/wagtaildocs/multiple/"],
    "users": ["models.py"],
}


class _VisibleText(HTMLParser):
    """The text a person sees or hears: text nodes and labelling attributes."""

    LABELS = {
        "aria-label",
        "title",
        "placeholder",
        "alt",
        "data-w-tooltip-content-value",
    }

    def __init__(self):
        super().__init__()
        self.parts = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self._hidden += 1
        self.parts.extend(
            value.strip() for name, value in attrs if name in self.LABELS and value
        )

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(response):
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return parser.parts


def assert_indonesian(texts, present, absent):
    """Each `present` phrase is shown; no `absent` (English) one is.

    A single English word counts only as a whole text or label, so that it is not
    found inside names or Indonesian words; longer phrases count anywhere.
    """
    text = "\n".join(texts)
    for phrase in present:
        assert phrase in text, f"{phrase!r} is missing"
    for phrase in absent:
        shown = phrase in text if " " in phrase else phrase in texts
        assert not shown, f"English {phrase!r} is shown"


@pytest.fixture
def compiled_catalogue():
    """The screens read the compiled catalogue: it must match the .po files."""
    for name in ("django", "djangojs"):
        po = CATALOGUE_DIR / f"{name}.po"
        mo = po.with_suffix(".mo")
        assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, (
            f"{mo} is missing or older than its .po: run `make messages`"
        )


def _user(username, role, region_code, **fields):
    user = User(
        username=username,
        role=role,
        region=Region.objects.get(code=region_code),
        **fields,
    )
    user.set_password(PASSWORD)
    user.save()
    assign_portal_groups(user=user)
    return user


@pytest.fixture
def operator(desa_page, compiled_catalogue):
    return _user("operator-jangkar-asam", User.Role.OPERATOR, DESA_CODE)


@pytest.fixture
def moderator(desa_page):
    return _user(
        "admin-gantung",
        User.Role.ADMIN_KECAMATAN,
        KECAMATAN_CODE,
        email="admin.gantung@example.invalid",
    )


@pytest.fixture
def operator_client(client, operator):
    assert client.login(username=operator.username, password=PASSWORD)
    return client


def _rich_text(text):
    """What the Draftail editor posts for a paragraph of text."""
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "text": text,
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def _news(desa, title, *, live):
    page = NewsPage(
        title=title,
        date=date(2026, 1, 15),
        body="<p>Kerja bakti warga.</p>",
        live=live,
    )
    desa.add_child(instance=page)
    return page


@pytest.fixture
def news_pages(desa_page, operator):
    """One news page for each status an operator meets in the listing."""
    live = _news(desa_page, "Berita tayang", live=True)
    live.save_revision(user=operator).publish()
    changed = _news(desa_page, "Berita dengan draf", live=True)
    changed.save_revision(user=operator).publish()
    changed.title = "Berita dengan draf (diperbarui)"
    changed.save_revision(user=operator)
    draft = _news(desa_page, "Berita draf", live=False)
    draft.save_revision(user=operator)
    moderated = _news(desa_page, "Berita dimoderasi", live=False)
    moderated.save_revision(user=operator)
    moderated.get_workflow().start(moderated, operator)
    return {"live": live, "changed": changed, "draft": draft, "moderated": moderated}


def _menu_labels(node):
    """Every menu label in the sidebar's JSON props."""
    if isinstance(node, dict):
        if isinstance(node.get("label"), str):
            yield node["label"]
        for value in node.values():
            yield from _menu_labels(value)
    elif isinstance(node, list):
        for value in node:
            yield from _menu_labels(value)


def test_admin_home_and_sidebar_are_indonesian(operator_client):
    """The dashboard and its sidebar menu are shown in Indonesian."""
    response = operator_client.get("/admin/")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "id"
    assert_indonesian(
        visible_text(response),
        present=["Dasbor", "Ringkasan situs", "Cari semua halaman…", "Akun"],
        absent=["Dashboard", "Site summary", "Search all pages…", "Account"],
    )
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    labels = set(_menu_labels(json.loads(props[1])))
    assert {"Halaman", "Gambar", "Dokumen", "Laporan", "Bantuan", "Keluar"} <= labels
    assert not labels & {"Pages", "Images", "Documents", "Reports", "Help", "Log out"}


def test_dashboard_lists_moderation_in_indonesian(client, moderator, news_pages):
    """A moderator's dashboard lists the pages awaiting their review in Indonesian."""
    assert client.login(username=moderator.username, password=PASSWORD)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert_indonesian(
        visible_text(response),
        present=[
            "Menunggu tinjauan Anda",
            "Berita dimoderasi",
            "Setujui",
            "Setujui dengan komentar",
            "Minta perubahan",
        ],
        absent=["Awaiting your review", "Approve", "Request changes"],
    )


def test_page_explorer_shows_indonesian_columns_and_statuses(
    operator_client, desa_page, news_pages
):
    """The desa page listing shows its columns, statuses and buttons in Indonesian."""
    response = operator_client.get(f"/admin/pages/{desa_page.pk}/")

    assert response.status_code == 200
    texts = visible_text(response)
    assert_indonesian(
        texts,
        present=[
            "Tambah subhalaman",
            "Judul",
            "Diperbarui",
            "Jenis",
            "Status",
            "Tindakan massal",
        ],
        absent=["Add child page", "Title", "Updated", "Type", "Bulk actions"],
    )
    for status in ("tayang", "tayang + draf", "draf", "dalam moderasi"):
        assert status in texts, f"status {status!r} is missing"
    for status in ("live", "live + draft", "draft", "in moderation"):
        assert status not in texts, f"English status {status!r} is shown"


def test_add_child_page_chooser_is_indonesian(operator_client, desa_page):
    """Choosing the type of a new page under the desa reads in Indonesian."""
    response = operator_client.get(f"/admin/pages/{desa_page.pk}/add_subpage/")

    assert response.status_code == 200
    assert_indonesian(
        visible_text(response),
        present=["Buat halaman dalam", "Pilih jenis halaman yang ingin Anda buat."],
        absent=["Create a page in", "Choose which type of page you'd like to create."],
    )


def test_page_editor_shows_indonesian_actions_and_panels(operator_client, desa_page):
    """Editing the desa page shows the action menu and side panels in Indonesian."""
    workflow = desa_page.get_workflow()

    response = operator_client.get(f"/admin/pages/{desa_page.pk}/edit/")

    assert response.status_code == 200
    assert_indonesian(
        visible_text(response),
        present=[
            "Simpan draf",
            f"Kirim ke {workflow.name}",
            "Konten",
            "Promosi",
            "Pratinjau",
            "Riwayat",
            "Komentar",
            "Pemeriksaan",
            "Tayang",
            "Visibilitas halaman:",
            "Belum ada jadwal penerbitan",
            "Simpan jadwal",
            "Tindakan lainnya",
        ],
        absent=[
            "Save draft",
            "Submit for moderation",
            f"Submit to {workflow.name}",
            "Content",
            "Promote",
            "Preview",
            "History",
            "Comments",
            "Live",
            "Save schedule",
        ],
    )


def test_page_in_moderation_shows_indonesian_workflow_status(
    operator_client, news_pages
):
    """A page awaiting review shows its workflow state in Indonesian."""
    page = news_pages["moderated"]

    response = operator_client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    assert_indonesian(
        visible_text(response),
        present=[
            "Dalam moderasi",
            "Lihat detail",
            "Dikunci oleh alur kerja",
            "Batalkan alur kerja",
            "Halaman terkunci",
        ],
        absent=[
            "In Moderation",
            "View details",
            "Locked by workflow",
            "Cancel workflow",
            "Page locked",
        ],
    )


def test_add_news_page_form_is_indonesian(operator_client, desa_page):
    """The form for a new news page shows its actions and status in Indonesian."""
    workflow = desa_page.get_workflow()

    response = operator_client.get(f"/admin/pages/add/portal/newspage/{desa_page.pk}/")

    assert response.status_code == 200
    assert_indonesian(
        visible_text(response),
        present=[
            "Simpan draf",
            f"Kirim ke {workflow.name}",
            "Draf",
            "Akan dibuat oleh",
            "Judul halaman seperti yang ingin Anda tampilkan kepada publik",
            "Pilih gambar",
        ],
        absent=["Save draft", f"Submit to {workflow.name}", "Draft", "Choose an image"],
    )


def test_invalid_news_page_reports_errors_in_indonesian(operator_client, desa_page):
    """Saving a news page without its required fields explains why in Indonesian."""
    response = operator_client.post(
        f"/admin/pages/add/portal/newspage/{desa_page.pk}/",
        {"title": "", "slug": "", "date": "", "body": _rich_text("")},
    )

    assert response.status_code == 200
    assert_indonesian(
        visible_text(response),
        present=[
            "Halaman tidak dapat dibuat karena terdapat kesalahan validasi.",
            "Kolom ini wajib diisi.",
        ],
        absent=["This field is required."],
    )
    assert "The page could not be created" not in response.content.decode()


def test_submitting_news_page_confirms_and_notifies_in_indonesian(
    operator_client, desa_page, moderator
):
    """Submitting a news page confirms in Indonesian and emails the moderator so."""
    workflow = desa_page.get_workflow()

    response = operator_client.post(
        f"/admin/pages/add/portal/newspage/{desa_page.pk}/",
        {
            "title": "Gotong royong",
            "slug": "gotong-royong",
            "date": "2026-01-15",
            "body": _rich_text("Warga membersihkan saluran air."),
            "action-submit": "1",
        },
        follow=True,
    )

    assert response.status_code == 200
    page = NewsPage.objects.get(slug="gotong-royong")
    assert page.workflow_in_progress
    assert_indonesian(
        visible_text(response),
        present=["Halaman 'Gotong royong' berhasil dibuat dan dikirim untuk moderasi."],
        absent=["Page 'Gotong royong' created and submitted for moderation."],
    )
    sent = [m for m in mail.outbox if moderator.email in m.to]
    assert sent, "the moderator got no notification"
    task = workflow.tasks.first()
    assert sent[0].subject == (
        'Halaman "Gotong royong" telah dikirim untuk persetujuan pada tahap '
        f'moderasi "{task.name}"'
    )
    assert f"Halo {moderator.username}," in sent[0].body
    assert "Anda dapat melihat pratinjau halaman tersebut di sini:" in sent[0].body
    assert "Atur preferensi notifikasi Anda di sini:" in sent[0].body
    assert "has been submitted" not in sent[0].body


def test_account_page_is_indonesian(operator_client):
    """The account and notification preferences page reads in Indonesian."""
    response = operator_client.get("/admin/account/")

    assert response.status_code == 200
    assert_indonesian(
        visible_text(response),
        present=[
            "Profil",
            "Notifikasi",
            "Bahasa pilihan",
            "Terima notifikasi saat suntingan halaman Anda disetujui",
        ],
        absent=["Profile", "Notifications", "Preferred language"],
    )


def test_image_upload_and_chooser_are_indonesian(operator_client):
    """Adding photos and choosing an image read in Indonesian."""
    upload = operator_client.get("/admin/images/multiple/add/")
    chooser = operator_client.get("/admin/images/chooser/")

    assert upload.status_code == 200
    assert_indonesian(
        visible_text(upload),
        present=[
            "Tambah gambar",
            "Atau pilih dari komputer Anda",
            "Maaf, unggahan gagal.",
        ],
        absent=["Add images", "Or choose from your computer", "Sorry, upload failed."],
    )
    assert chooser.status_code == 200
    html = chooser.json()["html"]
    assert "Pilih gambar" in html
    assert "Unggah" in html
    assert "Choose an image" not in html


def test_javascript_catalogue_is_indonesian(operator_client):
    """The admin's JavaScript strings are served in Indonesian."""
    response = operator_client.get("/admin/jsi18n/")

    assert response.status_code == 200
    content = response.content.decode()
    assert '"Enter your comments...": "Tulis komentar Anda..."' in content
    assert '"Add a comment": "Tambah komentar"' in content


def _english_catalogue(app):
    base = WAGTAIL_DIR / app if app else WAGTAIL_DIR
    return polib.pofile(str(base / "locale" / "en" / "LC_MESSAGES" / "django.po"))


def _project_translations():
    catalogue = polib.pofile(str(CATALOGUE_DIR / "django.po"))
    return {
        entry.msgid: entry.msgstr_plural.get(0, "")
        if entry.msgid_plural
        else entry.msgstr
        for entry in catalogue
        if not entry.obsolete and "fuzzy" not in entry.flags
    }


def test_catalogue_translates_every_string_of_operator_screens():
    """Every Wagtail msgid of the operators' screens has an Indonesian translation."""
    translations = _project_translations()
    checked = 0
    untranslated = []
    for app, sources in OPERATOR_SOURCES.items():
        for entry in _english_catalogue(app):
            if entry.obsolete or not any(
                path.startswith(tuple(sources)) for path, _line in entry.occurrences
            ):
                continue
            checked += 1
            if not translations.get(entry.msgid, "").strip():
                untranslated.append(f"{app or 'core'}: {entry.msgid!r}")

    assert checked > 400, "the source list no longer matches Wagtail's references"
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)


def _tokens(text, braces):
    found = set(re.findall(r"%\(\w+\)[sdif]|%[sdif]|</?[a-zA-Z][\w-]*", text))
    if braces:
        found |= set(re.findall(r"\{\w*\}", text))
    return found


def test_catalogue_keeps_placeholders_and_markup():
    """Each translation keeps the placeholders and HTML tags of its msgid."""
    broken = []
    for name in ("django", "djangojs"):
        for entry in polib.pofile(str(CATALOGUE_DIR / f"{name}.po")):
            braces = "python-brace-format" in entry.flags
            source = _tokens(entry.msgid_plural or entry.msgid, braces)
            text = (
                entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
            )
            if source != _tokens(text, braces):
                broken.append(f"{entry.msgid!r}: {text!r}")

    assert not broken, "\n".join(broken)


def test_catalogue_header_is_indonesian_with_one_plural_form(compiled_catalogue):
    """Both catalogues declare Indonesian, UTF-8 and a single plural form."""
    for name in ("django", "djangojs"):
        catalogue = polib.pofile(str(CATALOGUE_DIR / f"{name}.po"))
        assert catalogue.metadata["Language"] == "id"
        assert catalogue.metadata["Content-Type"] == "text/plain; charset=UTF-8"
        assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
        assert all(
            set(entry.msgstr_plural) == {0} for entry in catalogue if entry.msgid_plural
        )
    # Through variables, so that makemessages does not copy these into locale/.
    singular, plural, save_draft = "%(count)s image", "%(count)s images", "Save draft"
    with override("id"):
        assert gettext(save_draft) == "Simpan draf"
        assert ngettext(singular, plural, 3) == "%(count)s gambar"
