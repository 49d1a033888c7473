"""Every policy of the project answers Wagtail's three permission questions, and
answers them as its own specific questions do."""

import pytest

from accounts.permissions import RolePermissionPolicy, operator_policy
from certificates.permissions import certificate_policy, template_policy
from courses.permissions import course_writing_policy, learning_policy, progress_policy
from desk.permissions import desk_policy
from portal.models import DesaAccess
from portal.permissions import desa_publishing_policy, page_scope_policy
from readiness.permissions import readiness_policy
from workshops.permissions import invitation_policy, workshop_policy

POLICIES = [
    operator_policy,
    certificate_policy,
    template_policy,
    learning_policy,
    progress_policy,
    course_writing_policy,
    desk_policy,
    desa_publishing_policy,
    page_scope_policy,
    readiness_policy,
    workshop_policy,
    invitation_policy,
]


def _publishes_somewhere(user):
    return any(
        desa_publishing_policy.user_can_publish_on(user, access.desa)
        for access in DesaAccess.objects.select_related("desa")
    )


# (policy, action, the policy's own question that says the same)
QUESTIONS = [
    (workshop_policy, "add", workshop_policy.user_can_plan),
    (workshop_policy, "change", workshop_policy.user_can_plan),
    (invitation_policy, "view", invitation_policy.user_can_see_own),
    (desk_policy, "add", desk_policy.user_can_open),
    (desk_policy, "answer", desk_policy.user_can_answer),
    (readiness_policy, "view", readiness_policy.user_can_see_any),
    (learning_policy, "view", lambda u: bool(learning_policy.audiences_for(u))),
    (
        progress_policy,
        "view",
        lambda u: progress_policy.operators_visible_to(u).exists(),
    ),
    (
        course_writing_policy,
        "add",
        lambda u: (
            course_writing_policy.user_can_share(u)
            or course_writing_policy.kabupaten_of(u) is not None
        ),
    ),
    (desa_publishing_policy, "publish", _publishes_somewhere),
    (page_scope_policy, "view", lambda u: page_scope_policy.pages_for(u).exists()),
]


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: type(p).__name__)
def test_every_policy_is_a_role_permission_policy(policy):
    """Views and menus may ask any policy the same three questions."""
    assert isinstance(policy, RolePermissionPolicy)


@pytest.mark.django_db
@pytest.mark.parametrize("user_fixture", ["operator", "beltim_admin"])
@pytest.mark.parametrize(
    ("policy", "action", "question"),
    QUESTIONS,
    ids=[f"{type(p).__name__}-{a}" for p, a, _ in QUESTIONS],
)
def test_interface_answers_as_the_specific_question(
    request, operator, user_fixture, policy, action, question
):
    """An operator and a Diskominfo admin (with an operator in their kabupaten)
    get the same answer either way."""
    user = request.getfixturevalue(user_fixture)
    assert policy.user_has_permission(user, action) == bool(question(user))


@pytest.mark.django_db
def test_instance_answers_as_the_specific_question(operator, beltim_admin, desa_page):
    """Asked about one desa, one thread or one course, the answer is the same."""
    desa = desa_page.region
    for user in (operator, beltim_admin):
        assert desa_publishing_policy.user_has_permission_for_instance(
            user, "publish", desa
        ) == desa_publishing_policy.user_can_publish_on(user, desa)
        assert desa_publishing_policy.user_has_permission_for_instance(
            user, "change", desa
        ) == desa_publishing_policy.user_can_write_on(user, desa)
        assert readiness_policy.user_has_permission_for_instance(
            user, "view", desa
        ) == readiness_policy.user_can_see(user, desa)


@pytest.mark.django_db
def test_services_take_group_decisions_from_the_policies(
    operator, trainer, gantung_admin, beltim_admin
):
    """Who joins the course editors and which portal groups is the policies' call."""
    assert course_writing_policy.user_writes_courses(beltim_admin)
    assert not course_writing_policy.user_writes_courses(operator)
    assert desa_publishing_policy.portal_role(operator) == "author"
    assert desa_publishing_policy.portal_role(trainer) == "trainer"
    assert desa_publishing_policy.portal_role(gantung_admin) == "moderator"
    operator.is_active = False
    assert desa_publishing_policy.portal_role(operator) is None
