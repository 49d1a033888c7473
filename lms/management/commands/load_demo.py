"""Demo data for a newcomer: regions, the portals of two kabupaten, accounts for
each role, activity."""

import datetime as dt
import json
from pathlib import Path

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import assign_role_groups
from certificates.keys import create_issuer_key, signing_key
from certificates.models import CertificateTemplate
from courses.factories import build_course_tree, finish_course, get_index
from courses.models import CoursePage
from desk.demo import create_demo_help_threads
from portal.models import Activity, DesaPage, NewsPage, PublishEvent
from portal.services import setup_portal
from readiness.models import Snapshot
from readiness.services import rebuild_summaries, refresh_desa_summary, take_snapshot
from regions.models import Region
from workshops.models import TargetGroup, Workshop
from workshops.services import workshops as workshop_services

DEMO_KABUPATEN = ["19.06", "33.04"]  # Belitung Timur; Banjarnegara (Purworeja Klampok)
DEMO_PASSWORD = "desa-demo-2026"  # noqa: S105 - printed for the newcomer on purpose

# (username, first, last, role, region code, phone, is_kim, finished the course)
ACCOUNTS = [
    (
        "diskominfo.beltim",
        "Rahmat",
        "Hidayat",
        User.Role.ADMIN_KABUPATEN,
        "19.06",
        None,
        False,
        False,
    ),
    (
        "admin.gantung",
        "Yuliana",
        "Sari",
        User.Role.ADMIN_KECAMATAN,
        "19.06.02",
        None,
        False,
        False,
    ),
    (
        "pendamping.beltim",
        "Andi",
        "Pratama",
        User.Role.TRAINER,
        "19.06",
        None,
        False,
        False,
    ),
    (
        "operator.jangkarasam",
        "Siti",
        "Aminah",
        User.Role.OPERATOR,
        "19.06.02.2003",
        "081219060203",
        False,
        True,
    ),
    (
        "operator.mekarjaya",
        "Budi",
        "Santoso",
        User.Role.OPERATOR,
        "19.06.01.2012",
        "081219060112",
        False,
        False,
    ),
    (
        "kim.bentaianjaya",
        "Dewi",
        "Lestari",
        User.Role.OPERATOR,
        "19.06.01.2013",
        "085219060113",
        True,
        False,
    ),
    (
        "admin.babel",
        "Dian",
        "Permata",
        User.Role.ADMIN_PROVINSI,
        "19",
        None,
        False,
        False,
    ),
    (
        "diskominfo.banjarnegara",
        "Agus",
        "Wibowo",
        User.Role.ADMIN_KABUPATEN,
        "33.04",
        None,
        False,
        False,
    ),
    (
        "timkursus",
        "Ratna",
        "Kusuma",
        User.Role.COURSE_TEAM,
        None,
        None,
        False,
        False,
    ),
    (
        "operator.klampok",
        "Sri",
        "Wahyuni",
        User.Role.OPERATOR,
        "33.04.02.2005",
        "081333040205",
        False,
        False,
    ),
]

# The three most active desa named in Diskominfo Belitung Timur's report come first.
WORKSHOP_TITLE = "Lokakarya Operator Website Desa Belitung Timur"
DEMO_NAMES = [
    ("Ahmad", "Fauzi"),
    ("Nur", "Aini"),
    ("Rudi", "Hartono"),
    ("Wulan", "Sari"),
    ("Hendra", "Saputra"),
    ("Maya", "Puspita"),
    ("Joko", "Susilo"),
    ("Fitri", "Handayani"),
    ("Bayu", "Prasetyo"),
    ("Lina", "Marlina"),
    ("Eko", "Wahyudi"),
    ("Rina", "Kartika"),
]

MOST_ACTIVE = ["19.06.02.2003", "19.06.01.2012", "19.06.01.2013"]
ACTIVE, LESS_ACTIVE, LONG_AGO = 10, 6, 5  # the rest of the 39 never published


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="Where the site will be served (host:port), for the printed links.",
        )

    def handle(self, *args, **options):
        call_command("import_regions", "19.06", "33.04.02", stdout=self.stdout)
        with transaction.atomic():
            # Both kabupaten of the seed documents, so every demo operator and
            # Diskominfo has pages to work on.
            for kabupaten_code in DEMO_KABUPATEN:
                setup_portal(kabupaten_code=kabupaten_code)
            self.make_superuser()
            users = [self.make_account(*row) for row in ACCOUNTS]
            self.make_activity()
            self.make_certificate_templates()
            course = self.make_course()
            for user in users:
                assign_role_groups(user=user)
        self.make_issuer_key()
        self.make_progress(course)
        with transaction.atomic():
            self.make_desa_operators()
            self.make_workshop(course)
            self.make_help_threads()
            self.make_readiness_history()
        self.print_accounts(users, address=options["address"])

    def make_issuer_key(self):
        """The demo kabupaten signs digital credentials; an existing key is kept."""
        if signing_key(kabupaten_code="19.06") is None:
            # rotate: a kabupaten left with public keys only gets a new one.
            create_issuer_key(kabupaten_code="19.06", rotate=True)

    def make_superuser(self):
        user, created = User.objects.get_or_create(
            username__iexact="admin",
            defaults={
                "username": "admin",
                "is_superuser": True,
                "is_staff": True,
                "first_name": "Admin",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()

    def make_account(self, username, first, last, role, code, phone, is_kim, finished):
        region = Region.objects.get(code=code) if code else None
        user, created = User.objects.get_or_create(
            username__iexact=username,
            defaults={
                "username": username,
                "first_name": first,
                "last_name": last,
                "role": role,
                "region": region,
                "phone": f"+62{phone[1:]}" if phone else None,
                "is_kim": is_kim,
                "email": f"{username}@contoh.desa.id",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        assign_role_groups(user=user)
        return user

    def make_activity(self):
        desa_pages = list(
            DesaPage.objects.filter(region__code__startswith="19.06.")
            .select_related("region")
            .order_by("region__code")
        )
        desa_pages.sort(key=lambda p: (p.region.code not in MOST_ACTIVE, p.region.code))
        now = timezone.now()
        plan = [(i * 3 + 1) for i in range(ACTIVE)]  # 1..28 days ago
        plan += [35 + i * 10 for i in range(LESS_ACTIVE)]  # 35..85 days ago
        plan += [120 + i * 60 for i in range(LONG_AGO)]  # 120..360 days ago
        for desa_page, days_ago in zip(desa_pages, plan, strict=False):
            self.publish_news(desa_page, now - dt.timedelta(days=days_ago))

    def publish_news(self, desa_page, when):
        slug = "kabar-desa"
        if NewsPage.objects.child_of(desa_page).filter(slug=slug).exists():
            return
        page = NewsPage(
            title=f"Kabar dari {desa_page.region.display_name}",
            slug=slug,
            date=when.date(),
            intro="Gotong royong warga membersihkan saluran air menjelang musim hujan.",
            body="<p>Warga dan perangkat desa bergotong royong membersihkan saluran air.</p>",
        )
        desa_page.add_child(instance=page)
        page.save_revision().publish()
        # Move the demo history back in time so the activity classes come out as reported.
        NewsPage.objects.filter(pk=page.pk).update(
            first_published_at=when,
            last_published_at=when,
            latest_revision_created_at=when,
        )
        PublishEvent.objects.filter(page_id=page.pk).update(published_at=when)
        refresh_desa_summary(desa_id=desa_page.region_id)

    def make_certificate_templates(self):
        CertificateTemplate.objects.get_or_create(
            kabupaten=Region.objects.get(code="19.06"),
            defaults={
                "name": "Sertifikat Diskominfo Belitung Timur",
                "signatory_name": "Drs. Rahmat Hidayat, M.Si.",
                "signatory_title": "Kepala Dinas Komunikasi dan Informatika Kabupaten Belitung Timur",
                "signatory_id": "197001011990031001",
                "number_pattern": "LD/{kabupaten}/{year}/{seq:06d}",
                "validity_months": 24,
            },
        )

    def make_course(self):
        """The starter course, from the JSON files in courses/demo/."""
        outline = read_demo_course()
        course = CoursePage.objects.filter(slug=outline["slug"]).first()
        if course is not None:
            return course
        index = get_index(intro="<p>Kursus singkat untuk operator website desa.</p>")
        course = build_course_tree(outline, index=index)
        # A first revision, as if an editor had published the course in the admin.
        course.save_revision().publish()
        return course

    def make_progress(self, course):
        """Demo operators at different points: one done, one half-way, one fresh."""
        finish_course(User.objects.get(username="operator.jangkarasam"), course)
        finish_course(User.objects.get(username="kim.bentaianjaya"), course, modules=2)

    def make_desa_operators(self):
        """One operator for every Belitung Timur desa, so the hall is realistic."""
        password = make_password(DEMO_PASSWORD)  # hashed once: fast for 39 accounts
        for n, desa in enumerate(
            Region.objects.filter(code__startswith="19.06.", level=Region.Level.DESA)
        ):
            if User.objects.filter(role=User.Role.OPERATOR, region=desa).exists():
                continue
            first, last = DEMO_NAMES[n % len(DEMO_NAMES)]
            username = f"op.{desa.name.lower().replace(' ', '')}"
            if User.objects.with_username(username).exists():
                username = f"op.{desa.code}"  # two desa of one name: by their code
            user = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                role=User.Role.OPERATOR,
                region=desa,
                phone=f"+62821{desa.code.replace('.', '')[-8:]}",
                is_kim=n % 4 == 3,
                password=password,
            )
            assign_role_groups(user=user)

    def make_workshop(self, course):
        if Workshop.objects.filter(title=WORKSHOP_TITLE).exists():
            return
        kabupaten = Region.objects.get(code="19.06")
        trainer = User.objects.get(username="pendamping.beltim")
        today = timezone.localdate()
        workshop = workshop_services.create_workshop(
            actor=trainer,
            kabupaten=kabupaten,
            title=WORKSHOP_TITLE,
            venue="Aula Kantor Bupati Belitung Timur, Manggar",
            start_date=today,
            end_date=today,
            courses=[course],
        )
        first = workshop_services.add_session(
            actor=trainer,
            workshop=workshop,
            title="Sesi 1",
            date=today,
            start_time=dt.time(8, 0),
            end_time=dt.time(12, 0),
            capacity=45,
            target_group=TargetGroup.NEW_OR_INACTIVE,
            room="Aula utama",
        )
        workshop_services.add_session(
            actor=trainer,
            workshop=workshop,
            title="Sesi 2",
            date=today,
            start_time=dt.time(13, 0),
            end_time=dt.time(16, 0),
            capacity=45,
            target_group=TargetGroup.ACTIVE,
            room="Aula utama",
        )
        desa = list(
            Region.objects.filter(code__startswith="19.06.", level=Region.Level.DESA)
        )
        workshop_services.invite(actor=trainer, workshop=workshop, desa=desa)
        workshop_services.confirm_invitations(actor=trainer, workshop=workshop)
        for invitation in workshop.invitations.filter(session=first).order_by("pk")[
            :12
        ]:
            workshop_services.tick_attendance(
                actor=trainer, session=first, operator=invitation.operator
            )

    def make_readiness_history(self):
        """This month's snapshot, and five earlier months in which desa climbed to it."""
        rebuild_summaries()
        take_snapshot()
        this_month = timezone.localdate().replace(day=1)
        current = list(Snapshot.objects.filter(month=this_month))
        for back in range(1, 6):
            month = (this_month - dt.timedelta(days=28 * back)).replace(day=1)
            if Snapshot.objects.filter(month=month).exists():
                continue
            Snapshot.objects.bulk_create(
                Snapshot(
                    month=month,
                    desa_id=s.desa_id,
                    kabupaten_code=s.kabupaten_code,
                    level=max(0, s.level - (back + s.desa_id) % 3 * (back > 1)),
                    activity=s.activity if back < 2 else Activity.TIDAK_AKTIF,
                )
                for s in current
            )

    def make_help_threads(self):
        create_demo_help_threads()

    def print_accounts(self, users, *, address="127.0.0.1:8000"):
        base = f"http://{site_address(address)}"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo siap / demo ready: {base}/"))
        self.stdout.write(
            f"Masuk / sign in: {base}/akun/masuk/  ·  Admin: {base}/admin/"
        )
        self.stdout.write(
            f"Kata sandi semua akun demo / password of every demo account: {DEMO_PASSWORD}"
        )
        self.stdout.write(f"  {'admin':<26} superuser")
        for user in users:
            extra = f" · HP {user.phone}" if user.phone else ""
            self.stdout.write(
                f"  {user.username:<26} {user.get_role_display()} — "
                f"{user.region or 'Indonesia'}{extra}"
            )


def site_address(address):
    """The address a browser opens for runserver's `address` ("8000", "0:8000", …)."""
    host, _sep, port = address.rpartition(":")
    if not port.isdigit():
        host, port = address, "8000"
    if host in ("", "0", "0.0.0.0"):  # noqa: S104 - a listening address, not a bind
        host = "127.0.0.1"
    return f"{host}:{port}"


def read_demo_course():
    """The starter course's outline: courses/demo/course.json with its "modules"
    replaced by the module files it names (see courses/demo/README.md)."""
    folder = Path(apps.get_app_config("courses").path) / "demo"
    outline = json.loads((folder / "course.json").read_text(encoding="utf-8"))
    outline["modules"] = [
        json.loads((folder / name).read_text(encoding="utf-8"))
        for name in outline["modules"]
    ]
    return outline
