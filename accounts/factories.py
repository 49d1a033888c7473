"""Users of every role, placed in the regions loaded by `import_regions_from_lokal`.

The regions themselves are not built here: load them first (the `regions` fixture).
"""

import factory

from accounts.models import User
from accounts.services import assign_role_groups
from regions.models import Region

DEFAULT_PASSWORD = "kata-sandi-uji-2026"  # noqa: S105 - test accounts only


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a known password, put in the groups their role calls for."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        region_code = None

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Sequence(lambda n: f"Nama{n}")
    last_name = "Uji"
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.desa.id")
    role = ""
    region = factory.LazyAttribute(
        lambda o: Region.objects.get(code=o.region_code) if o.region_code else None
    )

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            obj.save()

    @factory.post_generation
    def role_groups(obj, create, extracted, **kwargs):
        # The groups real accounts get (portal, courses), as create_operator does.
        if create and obj.role:
            assign_role_groups(user=obj)


class OperatorFactory(UserFactory):
    """An operator of Desa Jangkar Asam (Kec. Gantung, Belitung Timur) by default."""

    class Params:
        region_code = "19.06.02.2003"

    username = factory.Sequence(lambda n: f"operator{n}")
    role = User.Role.OPERATOR
    phone = factory.Sequence(lambda n: f"+62812{n:08d}")


class TrainerFactory(UserFactory):
    class Params:
        region_code = "19.06"

    username = factory.Sequence(lambda n: f"pendamping{n}")
    role = User.Role.TRAINER


class AdminKecamatanFactory(UserFactory):
    """An admin of Kecamatan Gantung by default."""

    class Params:
        region_code = "19.06.02"

    username = factory.Sequence(lambda n: f"admin.kecamatan{n}")
    role = User.Role.ADMIN_KECAMATAN


class AdminKabupatenFactory(UserFactory):
    """A Diskominfo admin of Kabupaten Belitung Timur by default."""

    class Params:
        region_code = "19.06"

    username = factory.Sequence(lambda n: f"diskominfo{n}")
    role = User.Role.ADMIN_KABUPATEN


class SuperuserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"super{n}")
    is_superuser = True
    is_staff = True
