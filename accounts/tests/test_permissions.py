"""Who may see and manage which operators: every role against every other region."""

import pytest
from django.contrib.auth import authenticate
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.factories import (
    DEFAULT_PASSWORD,
    AdminKecamatanFactory,
    OperatorFactory,
    TrainerFactory,
)
from accounts.models import User
from accounts.permissions import RegionScope, operator_policy
from regions.models import Region

# Operator fixtures: (username, full name, desa name).
OPERATORS = {
    "operator": ("siti.jangkarasam", "Siti Aminah", "Desa Jangkar Asam"),
    "other_operator": ("budi.mekarjaya", "Budi Santoso", "Desa Mekar Jaya"),
    "klampok_operator": ("sri.klampok", "Sri Wahyuni", "Desa Klampok"),
}
# Each admin, the operators inside their region and those outside it.
ADMIN_SCOPES = [
    ("gantung_admin", ["operator"], ["other_operator", "klampok_operator"]),
    ("manggar_admin", ["other_operator"], ["operator", "klampok_operator"]),
    ("beltim_admin", ["operator", "other_operator"], ["klampok_operator"]),
    ("banjarnegara_admin", ["klampok_operator"], ["operator", "other_operator"]),
]
ADMIN_IDS = [scope[0] for scope in ADMIN_SCOPES]
PER_OPERATOR_SCREENS = ["edit", "reset_password", "deactivate"]


@pytest.fixture
def everyone(operator, other_operator, klampok_operator):
    return {
        "operator": operator,
        "other_operator": other_operator,
        "klampok_operator": klampok_operator,
    }


def region_codes(scope):
    return set(Region.objects.filter(scope.q()).values_list("code", flat=True))


class TestRegionScope:
    def test_a_superuser_sees_every_region(self, superuser):
        """Superusers are not limited to a region."""
        scope = RegionScope.for_user(superuser)

        assert region_codes(scope) == set(Region.objects.values_list("code", flat=True))

    def test_a_diskominfo_admin_sees_their_kabupaten_only(self, beltim_admin):
        """Belitung Timur: the kabupaten, 7 kecamatan and 39 desa."""
        codes = region_codes(RegionScope.for_user(beltim_admin))

        assert len(codes) == 47
        assert all(code.startswith("19.06") for code in codes)

    def test_a_kecamatan_admin_sees_their_kecamatan_only(self, gantung_admin):
        """Gantung: the kecamatan and its 7 desa, not the desa of Manggar."""
        codes = region_codes(RegionScope.for_user(gantung_admin))

        assert len(codes) == 8
        assert "19.06.02.2003" in codes
        assert "19.06.01.2012" not in codes

    def test_an_operator_sees_their_desa_only(self, operator):
        """An operator's region is one desa."""
        assert region_codes(RegionScope.for_user(operator)) == {"19.06.02.2003"}

    def test_a_trainer_serving_some_kecamatan_sees_only_those(self, regions):
        """A pendamping assigned to Manggar does not see Gantung."""
        trainer = TrainerFactory(region_code="19.06")
        trainer.kecamatan_scope.set([Region.objects.get(code="19.06.01")])

        codes = region_codes(RegionScope.for_user(trainer))

        assert "19.06.01.2012" in codes
        assert "19.06.02.2003" not in codes
        assert "19.06" not in codes

    def test_a_deactivated_admin_sees_nothing(self, beltim_admin):
        """Deactivation takes effect at once, even in an open session."""
        beltim_admin.is_active = False

        assert region_codes(RegionScope.for_user(beltim_admin)) == set()

    def test_a_code_that_only_starts_the_same_is_not_contained(self, regions):
        """Scope 19.06.01 must not match a code such as 19.06.010."""
        scope = RegionScope(["19.06.01"])

        assert scope.contains(Region(code="19.06.01.2012"))
        assert not scope.contains(Region(code="19.06.010"))
        assert not scope.contains(None)


class TestOperatorPolicy:
    @pytest.mark.parametrize(
        ("actor_fixture", "allowed"),
        [
            ("superuser", True),
            ("beltim_admin", True),
            ("gantung_admin", True),
            ("trainer", False),
            ("operator", False),
        ],
    )
    def test_only_admins_manage_operators(
        self, actor_fixture, allowed, request, regions
    ):
        """Trainers and operators manage no accounts."""
        actor = request.getfixturevalue(actor_fixture)

        assert operator_policy.user_has_permission(actor, "change") is allowed
        assert operator_policy.user_has_permission(actor, "add") is allowed

    def test_an_admin_cannot_manage_another_admin(self, gantung_admin):
        """Admins of the same kecamatan are not operators and stay out of reach."""
        colleague = AdminKecamatanFactory(region_code="19.06.02")

        assert not operator_policy.user_has_permission_for_instance(
            gantung_admin, "change", colleague
        )
        assert colleague not in operator_policy.instances_user_has_permission_for(
            gantung_admin, "change"
        )

    @pytest.mark.parametrize(("actor_fixture", "inside", "outside"), ADMIN_SCOPES)
    def test_each_admin_manages_the_operators_of_their_region_only(
        self, actor_fixture, inside, outside, request, everyone
    ):
        """The policy and the list it feeds agree."""
        actor = request.getfixturevalue(actor_fixture)

        assert set(
            operator_policy.instances_user_has_permission_for(actor, "change")
        ) == {everyone[name] for name in inside}
        for name in inside:
            assert operator_policy.user_has_permission_for_instance(
                actor, "change", everyone[name]
            )
        for name in outside:
            assert not operator_policy.user_has_permission_for_instance(
                actor, "change", everyone[name]
            )

    def test_a_superuser_manages_every_operator(self, superuser, everyone):
        """The superuser sees operators of every kabupaten."""
        assert set(
            operator_policy.instances_user_has_permission_for(superuser, "change")
        ) == set(everyone.values())


class TestOperatorScreensAcrossRegions:
    @pytest.mark.parametrize(
        ("actor_fixture", "inside", "outside"), ADMIN_SCOPES, ids=ADMIN_IDS
    )
    @pytest.mark.parametrize("status", ["active", "all"])
    def test_the_list_shows_none_of_another_regions_operators(
        self, client, actor_fixture, inside, outside, status, request, everyone
    ):
        """Names, usernames and desa of other regions never reach the page."""
        client.force_login(request.getfixturevalue(actor_fixture))

        response = client.get(reverse("operators:index"), {"status": status})

        assert response.status_code == 200
        body = response.content.decode()
        for name in inside:
            assert OPERATORS[name][1] in body
        for name in outside:
            username, full_name, desa_name = OPERATORS[name]
            assert username not in body
            assert full_name not in body
            assert desa_name not in body

    @pytest.mark.parametrize(
        ("actor_fixture", "inside", "outside"), ADMIN_SCOPES, ids=ADMIN_IDS
    )
    def test_searching_for_another_regions_operator_finds_nothing(
        self, client, actor_fixture, inside, outside, request, everyone
    ):
        """A search by name or phone does not widen the scope."""
        client.force_login(request.getfixturevalue(actor_fixture))

        for name in outside:
            target = everyone[name]
            for query in (target.first_name, target.phone, target.username):
                response = client.get(
                    reverse("operators:index"), {"q": query, "status": "all"}
                )
                assert list(response.context["page_obj"]) == []

    @pytest.mark.parametrize(
        ("actor_fixture", "inside", "outside"), ADMIN_SCOPES, ids=ADMIN_IDS
    )
    @pytest.mark.parametrize("screen", PER_OPERATOR_SCREENS)
    def test_another_regions_operator_is_not_found(
        self, client, actor_fixture, inside, outside, screen, request, everyone
    ):
        """Opening or posting to an operator of another region gives 404."""
        client.force_login(request.getfixturevalue(actor_fixture))

        for name in outside:
            target = everyone[name]
            url = reverse(f"operators:{screen}", args=[target.pk])
            assert client.get(url).status_code == 404
            response = client.post(
                url,
                {
                    "name": "Diambil Alih",
                    "desa": target.region_id,
                    "reason": "Diambil alih",
                },
            )
            assert response.status_code == 404
            target = User.objects.get(pk=target.pk)
            assert target.is_active
            assert target.get_full_name() == OPERATORS[name][1]
            assert authenticate(username=target.username, password=DEFAULT_PASSWORD)

    @pytest.mark.parametrize(
        ("actor_fixture", "inside", "outside"), ADMIN_SCOPES, ids=ADMIN_IDS
    )
    def test_another_regions_deactivated_operator_cannot_be_reactivated(
        self, client, actor_fixture, inside, outside, request, everyone
    ):
        """Reactivation of an operator outside the region gives 404."""
        client.force_login(request.getfixturevalue(actor_fixture))

        for name in outside:
            User.objects.filter(pk=everyone[name].pk).update(is_active=False)
            response = client.post(
                reverse("operators:reactivate", args=[everyone[name].pk])
            )
            assert response.status_code == 404
            assert not User.objects.get(pk=everyone[name].pk).is_active

    def test_an_admin_cannot_open_another_admins_account(
        self, client, gantung_admin, beltim_admin
    ):
        """The operator screens never reach admin accounts, not even a colleague's."""
        colleague = AdminKecamatanFactory(region_code="19.06.02")
        client.force_login(gantung_admin)

        for target in (colleague, beltim_admin):
            for screen in PER_OPERATOR_SCREENS:
                url = reverse(f"operators:{screen}", args=[target.pk])
                assert client.post(url).status_code == 404
        assert authenticate(username=colleague.username, password=DEFAULT_PASSWORD)

    def test_a_new_operator_cannot_be_placed_in_another_kabupaten(
        self, client, beltim_admin
    ):
        """Posting Klampok's id to the add form does not create an operator there."""
        client.force_login(beltim_admin)

        response = client.post(
            reverse("operators:add"),
            {
                "name": "Rina Wati",
                "desa": Region.objects.get(code="33.04.02.2005").pk,
            },
        )

        assert "desa" in response.context["form"].errors
        assert not User.objects.filter(first_name="Rina").exists()

    def test_an_operator_cannot_be_moved_into_another_kecamatan(
        self, client, gantung_admin, operator
    ):
        """Editing keeps the desa choice within the admin's region."""
        client.force_login(gantung_admin)

        response = client.post(
            reverse("operators:edit", args=[operator.pk]),
            {
                "name": "Siti Aminah",
                "desa": Region.objects.get(code="19.06.01.2012").pk,
            },
        )

        assert "desa" in response.context["form"].errors
        operator.refresh_from_db()
        assert operator.region.code == "19.06.02.2003"


NON_MANAGERS = ["operator", "other_operator", "klampok_operator", "trainer"]


def home_of(actor):
    """Where a refused actor lands: the admin's dashboard, or Meja Tulis for an
    operator, who never enters the admin."""
    return "/meja/" if actor.role == User.Role.OPERATOR else "/admin/"


class TestOperatorScreensForOperatorsAndTrainers:
    @pytest.mark.parametrize("actor_fixture", NON_MANAGERS)
    @pytest.mark.parametrize("screen", ["index", "add", "import"])
    def test_the_screens_are_closed(
        self, client, actor_fixture, screen, request, everyone
    ):
        """Wagtail sends them back to the dashboard (operators, who never enter the
        admin, to Meja Tulis); no other operator is shown."""
        actor = request.getfixturevalue(actor_fixture)
        client.force_login(actor)

        response = client.get(reverse(f"operators:{screen}"), follow=True)

        assert response.redirect_chain == [(home_of(actor), 302)]
        body = response.content.decode()
        for name, (username, full_name, _desa_name) in OPERATORS.items():
            if name != actor_fixture:
                assert username not in body
                assert full_name not in body

    @pytest.mark.parametrize("actor_fixture", NON_MANAGERS)
    @pytest.mark.parametrize("screen", PER_OPERATOR_SCREENS)
    def test_no_operator_can_be_opened_or_changed(
        self, client, actor_fixture, screen, request, everyone
    ):
        """Not even their own account, nor a colleague's in the same desa."""
        actor = request.getfixturevalue(actor_fixture)
        colleague = OperatorFactory(region_code="19.06.02.2003")
        client.force_login(actor)

        for target in [colleague, *everyone.values()]:
            url = reverse(f"operators:{screen}", args=[target.pk])
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"] == home_of(actor)
            response = client.post(url, {"name": "Diambil Alih", "reason": "x"})
            assert response.status_code == 302
            target = User.objects.get(pk=target.pk)
            assert target.is_active
            assert target.first_name != "Diambil"
            assert authenticate(username=target.username, password=DEFAULT_PASSWORD)

    @pytest.mark.parametrize("actor_fixture", NON_MANAGERS)
    def test_they_cannot_add_or_import_operators(
        self, client, actor_fixture, request, regions
    ):
        """A post straight to the add or import address creates no account."""
        client.force_login(request.getfixturevalue(actor_fixture))
        count = User.objects.count()
        jangkar_asam = Region.objects.get(code="19.06.02.2003")

        add = client.post(
            reverse("operators:add"), {"name": "Rina Wati", "desa": jangkar_asam.pk}
        )
        imported = client.post(
            reverse("operators:import"),
            {
                "file": SimpleUploadedFile(
                    "operator.csv",
                    b"Rina Wati,0812 7000 1111,,19.06.02.2003,tidak\n",
                    content_type="text/csv",
                )
            },
        )

        assert (add.status_code, imported.status_code) == (302, 302)
        assert User.objects.count() == count

    @pytest.mark.parametrize("actor_fixture", NON_MANAGERS)
    def test_the_menu_does_not_offer_the_screens(
        self, client, actor_fixture, request, regions
    ):
        """The dashboard (Meja Tulis for operators) has no link to the operator
        screens."""
        actor = request.getfixturevalue(actor_fixture)
        client.force_login(actor)

        response = client.get("/admin/", follow=True)

        assert response.status_code in (200, 403)
        assert response.redirect_chain in ([], [(home_of(actor), 302)])
        assert reverse("operators:index") not in response.content.decode()

    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client, everyone):
        """The screens are behind the login page."""
        response = client.get(reverse("operators:index"))

        assert response.status_code == 302
        assert response["Location"].startswith("/akun/masuk/")
