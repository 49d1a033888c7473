"""The readiness dashboard in the Wagtail admin: who sees which region, exports,
the pendampingan invitation, the activity import, and what each page costs."""

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.factories import AdminKecamatanFactory, OperatorFactory, TrainerFactory
from portal.models import ExternalActivity
from readiness.models import DesaSummary
from readiness.selectors import overview
from readiness.services import rebuild_summaries, take_snapshot
from regions.models import Region
from workshops.factories import build_workshop
from workshops.models import Invitation
from workshops.services.workshops import create_workshop

BELITUNG_TIMUR = "19.06"
BANJARNEGARA = "33.04"
GANTUNG = "19.06.02"
MANGGAR = "19.06.01"
PURWOREJA_KLAMPOK = "33.04.02"
JANGKAR_ASAM = "19.06.02.2003"
MEKAR_JAYA = "19.06.01.2012"
KLAMPOK = "33.04.02.2005"
GANTUNG_DESA = [
    f"19.06.02.{n}" for n in ("2001", "2002", "2003", "2004", "2009", "2010", "2011")
]
HYPERLINK = '=HYPERLINK("http://x","y")'


def region_url(code, **query):
    url = reverse("readiness:region", args=[code])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def desa_url(code):
    return reverse("readiness:desa", args=[code])


def invite_url(code):
    return reverse("readiness:invite", args=[code])


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_sheet(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument"
    )
    return load_workbook(io.BytesIO(response.content)).active


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def summaries(world):
    """Every desa of the world summarised, as after `rebuild_readiness`."""
    rebuild_summaries()


@pytest.fixture
def kecamatan_trainer(world):
    """A pendamping of Belitung Timur who serves only Kecamatan Gantung."""
    trainer = TrainerFactory(username="pendamping.gantung", region_code=BELITUNG_TIMUR)
    trainer.kecamatan_scope.set([Region.objects.get(code=GANTUNG)])
    return trainer


class TestHome:
    @pytest.mark.parametrize(
        ("user", "code"),
        [
            ("beltim_admin", BELITUNG_TIMUR),
            ("banjarnegara_admin", BANJARNEGARA),
            ("gantung_admin", GANTUNG),
            ("trainer", BELITUNG_TIMUR),
            ("kecamatan_trainer", GANTUNG),
            ("superuser", "id"),
        ],
    )
    def test_the_dashboard_opens_on_the_users_own_region(
        self, client, request, summaries, user, code
    ):
        """Diskominfo on its kabupaten, a kecamatan admin or a trainer serving one
        kecamatan on it, the superuser on the national rollup; the page is there."""
        client.force_login(request.getfixturevalue(user))

        response = client.get(reverse("readiness:home"))

        assert response.status_code == 302
        assert response["Location"] == region_url(code)
        assert client.get(response["Location"]).status_code == 200

    def test_the_admin_home_panel_shows_the_users_own_region(
        self, client, summaries, kecamatan_trainer, indonesian
    ):
        """A trainer serving Gantung reads Gantung's 7 desa, not the kabupaten's 39."""
        client.force_login(kecamatan_trainer)

        content = client.get(reverse("wagtailadmin_home")).content.decode()

        assert (
            indonesian("Readiness: %(region)s", region="Kecamatan Gantung") in content
        )
        assert indonesian("%(n)s desa", n=7) in content
        assert indonesian("%(n)s desa", n=39) not in content


class TestScope:
    @pytest.mark.parametrize(
        "url",
        [
            region_url(BANJARNEGARA),
            region_url(PURWOREJA_KLAMPOK),
            desa_url(KLAMPOK),
            region_url(BANJARNEGARA, format="csv"),
            region_url(BANJARNEGARA, format="xlsx"),
            region_url(PURWOREJA_KLAMPOK, format="csv"),
            region_url("id"),
            region_url("id", format="csv"),
        ],
    )
    def test_a_kabupaten_admin_finds_nothing_of_another_kabupaten(
        self, client, summaries, beltim_admin, url
    ):
        """Banjarnegara's pages and exports are simply not found for Belitung Timur."""
        client.force_login(beltim_admin)

        assert client.get(url).status_code == 404

    @pytest.mark.parametrize(
        "url",
        [
            region_url(BELITUNG_TIMUR),
            region_url(GANTUNG),
            desa_url(JANGKAR_ASAM),
            region_url(BELITUNG_TIMUR, format="csv"),
            region_url(GANTUNG, format="xlsx"),
        ],
    )
    def test_a_kabupaten_admin_opens_every_level_of_their_own(
        self, client, summaries, beltim_admin, url
    ):
        """Kabupaten, kecamatan and desa pages and their exports."""
        client.force_login(beltim_admin)

        assert client.get(url).status_code == 200

    @pytest.mark.parametrize(
        "url",
        [
            region_url(BELITUNG_TIMUR),
            region_url(BELITUNG_TIMUR, format="csv"),
            region_url(MANGGAR),
            region_url(MANGGAR, format="xlsx"),
            desa_url(MEKAR_JAYA),
            region_url(BANJARNEGARA),
            region_url("id"),
        ],
    )
    def test_a_kecamatan_admin_finds_nothing_outside_their_kecamatan(
        self, client, summaries, gantung_admin, url
    ):
        """Not even their own kabupaten's page."""
        client.force_login(gantung_admin)

        assert client.get(url).status_code == 404

    @pytest.mark.parametrize(
        "url",
        [
            region_url(GANTUNG),
            region_url(GANTUNG, format="csv"),
            desa_url(JANGKAR_ASAM),
        ],
    )
    def test_a_kecamatan_admin_opens_their_kecamatan_and_its_desa(
        self, client, summaries, gantung_admin, url
    ):
        """Gantung's page, its export and Jangkar Asam's page."""
        client.force_login(gantung_admin)

        assert client.get(url).status_code == 200

    def test_a_kecamatan_admins_page_links_to_no_region_above_it(
        self, client, summaries, gantung_admin
    ):
        """The breadcrumbs stop at the kecamatan: no link to the kabupaten's 404."""
        client.force_login(gantung_admin)

        content = client.get(region_url(GANTUNG)).content.decode()

        assert f'href="{region_url(BELITUNG_TIMUR)}"' not in content
        assert f'href="{desa_url(JANGKAR_ASAM)}"' in content

    @pytest.mark.parametrize(
        "url",
        [
            reverse("readiness:home"),
            region_url(BELITUNG_TIMUR),
            region_url(GANTUNG, format="csv"),
            desa_url(JANGKAR_ASAM),
            reverse("readiness:import"),
        ],
    )
    def test_an_operator_is_turned_away(self, client, summaries, operator, url):
        """Operators are sent to Meja Tulis, with nothing of the dashboard."""
        client.force_login(operator)

        response = client.get(url)

        # Operators never enter the admin: they are sent to Meja Tulis.
        assert response.status_code == 302
        assert response["Location"] == reverse("meja:index")

    def test_an_operator_cannot_invite(self, client, summaries, operator, trainer):
        """The invitation action is refused as well, and nothing is created."""
        workshop = build_workshop(actor=trainer)
        client.force_login(operator)

        response = client.post(
            invite_url(GANTUNG), {"workshop": workshop.pk, "desa": [JANGKAR_ASAM]}
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("meja:index")
        assert not Invitation.objects.exists()

    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client, summaries):
        """No figures without an account."""
        response = client.get(region_url(BELITUNG_TIMUR))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))

    def test_the_superuser_sees_the_national_rollup(self, client, summaries, superuser):
        """One row per kabupaten, with the whole country's totals."""
        client.force_login(superuser)

        response = client.get(region_url("id"))

        assert response.status_code == 200
        assert [(r["code"], r["desa"]) for r in response.context["rows"]] == [
            (BELITUNG_TIMUR, 39),
            (BANJARNEGARA, 8),
        ]
        assert response.context["figures"]["desa"] == 47

    def test_a_desa_code_on_the_region_address_opens_the_desa_page(
        self, client, summaries, beltim_admin
    ):
        """A link typed by hand still lands somewhere useful."""
        client.force_login(beltim_admin)

        response = client.get(region_url(JANGKAR_ASAM))

        assert response.status_code == 302
        assert response["Location"] == desa_url(JANGKAR_ASAM)

    @pytest.mark.parametrize("code", [GANTUNG, "19.06.02.9999"])
    def test_the_desa_page_is_only_for_desa(
        self, client, summaries, beltim_admin, code
    ):
        """A kecamatan code or an unknown code on the desa address is not found."""
        client.force_login(beltim_admin)

        assert client.get(desa_url(code)).status_code == 404


class TestExport:
    def test_the_kabupaten_export_lists_its_7_kecamatan(
        self, client, summaries, beltim_admin
    ):
        """One row per kecamatan of Belitung Timur, and nothing of Banjarnegara."""
        client.force_login(beltim_admin)

        rows = csv_rows(client.get(region_url(BELITUNG_TIMUR, format="csv")))

        assert [row[0] for row in rows[1:]] == [f"19.06.0{n}" for n in range(1, 8)]
        assert sum(int(row[2]) for row in rows[1:]) == 39

    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_the_kecamatan_export_lists_its_desa_only(
        self, client, summaries, gantung_admin, fmt
    ):
        """Gantung's 7 desa with their level and website activity."""
        client.force_login(gantung_admin)

        response = client.get(region_url(GANTUNG, format=fmt))

        if fmt == "csv":
            rows = csv_rows(response)
        else:
            rows = [list(r) for r in xlsx_sheet(response).iter_rows(values_only=True)]
        assert [row[0] for row in rows[1:]] == GANTUNG_DESA
        assert response["Content-Disposition"] == (
            f'attachment; filename="kesiapan-{GANTUNG}.{fmt}"'
        )

    def test_the_national_export_lists_each_kabupaten(
        self, client, summaries, superuser
    ):
        """The superuser's rollup: Belitung Timur and Banjarnegara."""
        client.force_login(superuser)

        rows = csv_rows(client.get(region_url("id", format="csv")))

        assert [(row[0], row[2]) for row in rows[1:]] == [
            (BELITUNG_TIMUR, "39"),
            (BANJARNEGARA, "8"),
        ]

    def test_the_export_follows_the_pages_filters(
        self, client, summaries, gantung_admin
    ):
        """Filtered to level 1, only the desa with a registered operator remain."""
        OperatorFactory(region_code=JANGKAR_ASAM)
        rebuild_summaries()
        client.force_login(gantung_admin)

        rows = csv_rows(client.get(region_url(GANTUNG, level=1, format="csv")))

        assert [row[0] for row in rows[1:]] == [JANGKAR_ASAM]

    def test_a_formula_in_a_desa_name_is_neutralised_in_the_csv(
        self, client, summaries, gantung_admin
    ):
        """A spreadsheet shows the text instead of running it."""
        Region.objects.filter(code=JANGKAR_ASAM).update(name=HYPERLINK)
        client.force_login(gantung_admin)

        rows = csv_rows(client.get(region_url(GANTUNG, format="csv")))

        names = {row[0]: row[1] for row in rows[1:]}
        assert names[JANGKAR_ASAM] == "'" + HYPERLINK
        assert names["19.06.02.2001"] == "Gantung"

    def test_a_formula_in_a_desa_name_is_text_in_the_xlsx(
        self, client, summaries, gantung_admin
    ):
        """The cell holds a string starting with a quote, never a formula."""
        Region.objects.filter(code=JANGKAR_ASAM).update(name=HYPERLINK)
        client.force_login(gantung_admin)

        sheet = xlsx_sheet(client.get(region_url(GANTUNG, format="xlsx")))

        cell = next(
            row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == JANGKAR_ASAM
        )
        assert cell.value == "'" + HYPERLINK
        assert cell.data_type == "s"
        assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)

    def test_a_formula_in_a_kecamatan_name_is_neutralised_in_the_kabupaten_export(
        self, client, summaries, beltim_admin
    ):
        """The grouped export is as safe as the desa one."""
        Region.objects.filter(code=GANTUNG).update(name="+SUM(A1:A9)")
        client.force_login(beltim_admin)

        rows = csv_rows(client.get(region_url(BELITUNG_TIMUR, format="csv")))

        assert rows[2][:2] == [GANTUNG, "'+SUM(A1:A9)"]


class TestInvite:
    def test_the_chosen_desas_active_operators_are_invited(
        self,
        client,
        summaries,
        beltim_admin,
        trainer,
        operator,
        other_operator,
        klampok_operator,
        indonesian,
    ):
        """Jangkar Asam's two active operators; not Mekar Jaya's (not chosen), not a
        deactivated one, not Klampok's (another kabupaten, ignored)."""
        second = OperatorFactory(region_code=JANGKAR_ASAM)
        OperatorFactory(region_code=JANGKAR_ASAM, is_active=False)
        workshop = build_workshop(actor=trainer)
        client.force_login(beltim_admin)

        response = client.post(
            invite_url(BELITUNG_TIMUR),
            {"workshop": workshop.pk, "desa": [JANGKAR_ASAM, KLAMPOK]},
        )

        assert response.status_code == 302
        assert response["Location"] == region_url(BELITUNG_TIMUR)
        assert set(workshop.invitations.values_list("operator_id", flat=True)) == {
            operator.pk,
            second.pk,
        }
        assert messages_of(response) == [
            indonesian(
                "%(d)s desa invited to %(workshop)s (%(with)s with an operator); %(n)s operator(s) newly invited.",
                n=2,
                d=1,
                workshop=workshop.title,
                **{"with": 1},
            )
        ]

    def test_the_page_offers_the_desa_needing_help_and_the_workshops(
        self, client, summaries, beltim_admin, trainer
    ):
        """Each desa without operator comes ticked, with the kabupaten's workshop."""
        workshop = build_workshop(actor=trainer)
        client.force_login(beltim_admin)

        response = client.get(region_url(BELITUNG_TIMUR))

        content = response.content.decode()
        assert f'action="{invite_url(BELITUNG_TIMUR)}"' in content
        assert f'<option value="{workshop.pk}">' in content
        assert len(response.context["help_rows"]) == 39
        assert content.count('name="desa"') == 39

    def test_a_desa_outside_the_page_region_is_not_invited(
        self, client, summaries, trainer, operator, other_operator
    ):
        """From Gantung's page, Mekar Jaya (Manggar) is dropped from the choice."""
        workshop = build_workshop(actor=trainer)
        client.force_login(trainer)

        client.post(
            invite_url(GANTUNG),
            {"workshop": workshop.pk, "desa": [JANGKAR_ASAM, MEKAR_JAYA]},
        )

        assert list(workshop.invitations.values_list("operator_id", flat=True)) == [
            operator.pk
        ]

    def test_a_kecamatan_admin_follows_workshops_but_does_not_invite(
        self, client, summaries, gantung_admin, trainer, operator
    ):
        """Only trainers and Diskominfo plan workshops: the page offers no workshop to
        a kecamatan admin, and a forged request is refused with an error."""
        workshop = build_workshop(actor=trainer)
        client.force_login(gantung_admin)

        response = client.post(
            invite_url(GANTUNG), {"workshop": workshop.pk, "desa": [JANGKAR_ASAM]}
        )

        assert response.status_code == 302
        assert not Invitation.objects.exists()
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
        assert client.get(region_url(GANTUNG)).context["workshops"] == []

    def test_choosing_no_desa_invites_nobody(
        self, client, summaries, beltim_admin, trainer, operator, indonesian
    ):
        """The page asks for a workshop and at least one desa."""
        workshop = build_workshop(actor=trainer)
        client.force_login(beltim_admin)

        response = client.post(invite_url(BELITUNG_TIMUR), {"workshop": workshop.pk})

        assert not Invitation.objects.exists()
        assert messages_of(response) == [
            indonesian("Choose a workshop and at least one desa.")
        ]

    def test_another_kabupatens_region_cannot_be_used(
        self, client, summaries, beltim_admin, trainer, klampok_operator
    ):
        """Posting to Banjarnegara's address is not found."""
        workshop = build_workshop(actor=trainer)
        client.force_login(beltim_admin)

        response = client.post(
            invite_url(BANJARNEGARA), {"workshop": workshop.pk, "desa": [KLAMPOK]}
        )

        assert response.status_code == 404
        assert not Invitation.objects.exists()


class TestActivityImportView:
    def test_a_good_file_is_imported(self, client, summaries, beltim_admin):
        """Back to the dashboard, the desa now has its imported date."""
        client.force_login(beltim_admin)
        upload = SimpleUploadedFile(
            "aktivitas.csv", f"{JANGKAR_ASAM},{timezone.localdate()}\n".encode()
        )

        response = client.post(reverse("readiness:import"), {"file": upload})

        assert response.status_code == 302
        assert response["Location"] == reverse("readiness:home")
        assert ExternalActivity.objects.get().desa.code == JANGKAR_ASAM

    def test_a_bad_file_imports_nothing_and_names_the_lines(
        self, client, summaries, beltim_admin, indonesian
    ):
        """The good first line is not imported; the page lists line 2 and why."""
        client.force_login(beltim_admin)
        upload = SimpleUploadedFile(
            "aktivitas.csv",
            f"{JANGKAR_ASAM},2026-01-15\n{KLAMPOK},2026-01-15\n".encode(),
        )

        response = client.post(reverse("readiness:import"), {"file": upload})

        assert response.status_code == 200
        message = indonesian(
            "Desa code “%(code)s” is unknown or outside your region.", code=KLAMPOK
        )
        assert response.context["line_errors"] == [(2, message)]
        assert message in response.content.decode()
        assert not ExternalActivity.objects.exists()
        assert (
            DesaSummary.objects.get(desa__code=JANGKAR_ASAM).last_published_at is None
        )


@pytest.fixture
def busy_world(world, trainer, banjarnegara_admin):
    """Both kabupaten with a workshop, every desa needing help, a month's snapshot."""
    build_workshop(actor=trainer)
    today = timezone.localdate()
    create_workshop(
        actor=banjarnegara_admin,
        kabupaten=Region.objects.get(code=BANJARNEGARA),
        title="Lokakarya Banjarnegara",
        venue="Pendopo",
        start_date=today,
        end_date=today,
    )
    for code in (JANGKAR_ASAM, MEKAR_JAYA, KLAMPOK):
        OperatorFactory(region_code=code)


def count_queries(client, url, django_assert_num_queries, expected):
    """The queries of the second visit (the first warms Wagtail's caches)."""
    assert client.get(url).status_code == 200
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


class TestQueryCounts:
    """The dashboard costs the same whatever the number of desa it shows."""

    @pytest.mark.parametrize(
        ("user", "code", "desa", "needing_help"),
        [
            ("beltim_admin", BELITUNG_TIMUR, 39, 37),
            ("banjarnegara_admin", BANJARNEGARA, 8, 7),
        ],
    )
    def test_the_kabupaten_page(
        self,
        client,
        request,
        busy_world,
        user,
        code,
        desa,
        needing_help,
        django_assert_num_queries,
    ):
        """22 queries for Belitung Timur's 39 desa and for Banjarnegara's 8."""
        rebuild_summaries()
        take_snapshot()
        client.force_login(request.getfixturevalue(user))

        response = count_queries(
            client, region_url(code), django_assert_num_queries, 22
        )

        assert response.context["figures"]["desa"] == desa
        assert len(response.context["help_rows"]) == needing_help

    @pytest.mark.parametrize(
        ("code", "desa"), [("19.06.03", 4), (MANGGAR, 9), (PURWOREJA_KLAMPOK, 8)]
    )
    def test_the_kecamatan_page(
        self, client, busy_world, code, desa, django_assert_num_queries
    ):
        """22 queries for a kecamatan admin, be it Dendang's 4 desa or Manggar's 9."""
        rebuild_summaries()
        take_snapshot()
        client.force_login(AdminKecamatanFactory(region_code=code))

        response = count_queries(
            client, region_url(code), django_assert_num_queries, 22
        )

        assert len(response.context["rows"]) == desa

    @pytest.mark.parametrize(("prefix", "desa"), [(BANJARNEGARA, 8), (None, 47)])
    def test_the_national_page(
        self, client, busy_world, superuser, prefix, desa, django_assert_num_queries
    ):
        """11 queries for one kabupaten's 8 desa or two kabupaten's 47; the country's
        totals, added up from the kabupaten rows, are the overview's."""
        rebuild_summaries(prefix=prefix)
        take_snapshot()
        client.force_login(superuser)

        response = count_queries(
            client, region_url("id"), django_assert_num_queries, 11
        )

        assert response.context["figures"]["desa"] == desa
        assert response.context["figures"] == overview(None)

    def test_the_counts_hold_for_a_kabupaten_with_its_own_windows(
        self, client, busy_world, beltim_admin, django_assert_num_queries
    ):
        """Custom windows change the SQL, not the number of queries."""
        from portal.models import ActivityWindows

        for code in (BELITUNG_TIMUR, BANJARNEGARA):
            ActivityWindows.objects.create(
                kabupaten=Region.objects.get(code=code), active_days=14
            )
        rebuild_summaries()
        client.force_login(beltim_admin)

        count_queries(client, region_url(BELITUNG_TIMUR), django_assert_num_queries, 22)


class TestSettingsScreen:
    def test_diskominfo_changes_its_windows_and_the_dashboard_follows(
        self, client, beltim_admin, banjarnegara_admin
    ):
        """Setting the active window to 7 days is saved; another kabupaten's admin cannot."""
        from portal.models import ActivityWindows
        from readiness.models import KabupatenSettings

        client.force_login(beltim_admin)
        url = reverse("readiness:settings", args=["19.06"])
        response = client.post(
            url, {"active_days": 7, "less_active_days": 60, "stuck_days": 30}
        )
        assert response.status_code == 302
        assert ActivityWindows.objects.get(kabupaten__code="19.06").active_days == 7
        assert KabupatenSettings.objects.get(kabupaten__code="19.06").stuck_days == 30
        bad = client.post(
            url, {"active_days": 30, "less_active_days": 20, "stuck_days": 30}
        )
        assert bad.status_code == 200
        assert (
            ActivityWindows.objects.get(kabupaten__code="19.06").less_active_days == 60
        )
        client.force_login(banjarnegara_admin)
        assert client.get(url).status_code == 404


MAX_HTML_BYTES = 150_000  # no dashboard page over 150 KB of HTML (issue #12)


def add_desa(kecamatan_code, n, *, start=5001):
    """`n` new desa in a kecamatan, each with a summary (no operator: every one needs
    pendampingan), in two bulk inserts."""
    kecamatan = Region.objects.get(code=kecamatan_code)
    desa = Region.objects.bulk_create(
        Region(
            code=f"{kecamatan_code}.{start + i}",
            name=f"Baru {i:03d}",
            level=Region.Level.DESA,
            kind="desa",
            parent=kecamatan,
        )
        for i in range(n)
    )
    DesaSummary.objects.bulk_create(
        DesaSummary(
            desa=d,
            kabupaten_code=kecamatan_code[:5],
            kecamatan_code=kecamatan_code,
        )
        for d in desa
    )
    return desa


class TestLongTables:
    """A table longer than a screen is shown 50 rows at a time; the page stays small."""

    def test_a_kecamatan_of_600_desa_is_paginated(
        self, client, summaries, gantung_admin
    ):
        """Page 1 lists 50 of Gantung's 607 desa and links to page 2; the HTML stays
        under 150 KB; the help list has its own pages."""
        add_desa(GANTUNG, 600)
        client.force_login(gantung_admin)

        response = client.get(region_url(GANTUNG))

        assert response.status_code == 200
        assert len(response.content) < MAX_HTML_BYTES
        assert len(response.context["rows"]) == 50
        assert response.context["rows_page"].paginator.count == 607
        assert len(response.context["help_rows"]) == 50
        assert response.context["help_page"].paginator.count == 607
        content = response.content.decode()
        assert 'href="?p=2"' in content
        assert 'href="?p_bantuan=2"' in content
        assert "Halaman 1 dari 13" in content

        last = client.get(region_url(GANTUNG, p=13))
        assert [r.desa.code for r in last.context["rows"]] == [
            f"{GANTUNG}.{5001 + i}" for i in range(593, 600)
        ]

    def test_the_page_links_keep_the_filters(self, client, summaries, beltim_admin):
        """Filtered on "no operator", page 2 is page 2 of the filtered desa, and its
        links carry the filter and the other table's page."""
        add_desa(GANTUNG, 120)
        client.force_login(beltim_admin)

        response = client.get(
            region_url(GANTUNG, level=0, p_bantuan=2, p=2), follow=False
        )

        assert response.context["rows_page"].number == 2
        assert response.context["rows_page"].paginator.count == 127
        assert all(r.level == 0 for r in response.context["rows"])
        content = response.content.decode()
        assert 'href="?level=0&amp;p_bantuan=2&amp;p=3"' in content
        assert 'href="?level=0&amp;p=2&amp;p_bantuan=1"' in content

    def test_a_kabupaten_with_600_desa_needing_help_stays_small(
        self, client, summaries, beltim_admin, trainer, indonesian
    ):
        """Belitung Timur's 639 desa needing help: 50 on the page, and one button
        invites every one of them."""
        add_desa(GANTUNG, 600)
        workshop = build_workshop(actor=trainer)
        client.force_login(beltim_admin)

        response = client.get(region_url(BELITUNG_TIMUR))

        assert len(response.content) < MAX_HTML_BYTES
        assert response.content.decode().count('name="desa"') == 50
        assert response.context["help_page"].paginator.count == 639
        assert response.context["figures"]["desa"] == 639

        invited = client.post(
            invite_url(BELITUNG_TIMUR), {"workshop": workshop.pk, "all": "1"}
        )
        assert indonesian(
            "%(d)s desa invited to %(workshop)s (%(with)s with an operator); "
            "%(n)s operator(s) newly invited.",
            d=639,
            workshop=workshop.title,
            **{"with": 0},
            n=0,
        ) in messages_of(invited)

    def test_another_kabupatens_admin_sees_no_page_of_it(
        self, client, summaries, banjarnegara_admin
    ):
        add_desa(GANTUNG, 60)
        client.force_login(banjarnegara_admin)

        for url in (region_url(GANTUNG, p=2), region_url(BELITUNG_TIMUR, p_bantuan=2)):
            assert client.get(url).status_code == 404

    def test_the_national_page_shows_provinsi_and_a_page_of_kabupaten(
        self, client, summaries, superuser
    ):
        """60 more kabupaten: a row per provinsi with its totals, 50 kabupaten on
        page 1, the other 12 (with the level filter) on page 2; the export still lists
        all 62."""
        provinsi = Region.objects.get(code="19")
        kabupaten = Region.objects.bulk_create(
            Region(
                code=f"19.{40 + i}",
                name=f"Kabupaten Baru {i:02d}",
                level=Region.Level.KABUPATEN,
                kind="kabupaten",
                parent=provinsi,
            )
            for i in range(60)
        )
        kecamatan = Region.objects.bulk_create(
            Region(
                code=f"{k.code}.01",
                name="Pusat",
                level=Region.Level.KECAMATAN,
                parent=k,
            )
            for k in kabupaten
        )
        for kec in kecamatan:
            add_desa(kec.code, 1)
        client.force_login(superuser)

        first = client.get(region_url("id"))
        second = client.get(region_url("id", p=2, level=0))

        assert [(r["code"], r["desa"]) for r in first.context["provinsi_rows"]] == [
            ("19", 99),
            ("33", 8),
        ]
        assert len(first.context["rows"]) == 50
        assert len(first.content) < MAX_HTML_BYTES
        assert [r["code"] for r in second.context["rows"]] == [
            *(f"19.{40 + i}" for i in range(49, 60)),
            BANJARNEGARA,
        ]
        assert 'href="?level=0&amp;p=1"' in second.content.decode()
        assert second.context["figures"]["desa"] == 107  # the totals are unfiltered
        export = csv_rows(client.get(region_url("id", format="csv")))
        assert len(export) == 1 + 62
