"""Template tags every site page shares."""

from django import template
from django.contrib.auth.models import AnonymousUser

from accounts.permissions import operator_policy
from courses.models import CoursePage
from courses.permissions import learning_policy, progress_policy
from desk.permissions import desk_policy
from notifications.selectors import unread_count
from portal.permissions import desa_publishing_policy

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context):
    """What the site's menu offers the signed-in user, as each policy decides.

    Templates ask these flags instead of looking at a role.
    """
    user = context.get("user") or AnonymousUser()
    signed_in = user.is_authenticated and user.is_active
    return {
        # The inbox's unread count: cached per user, so most pages add no query.
        "unread": unread_count(user) if signed_in else 0,
        "notices": signed_in,
        "my_courses": learning_policy.user_can_learn(
            user, CoursePage(audience=CoursePage.Audience.ALL)
        ),
        "name_change": operator_policy.user_can_ask_for_name_change(user),
        "progress": progress_policy.user_can_see_any(user),
        "desk": desk_policy.user_can_open(user),
        "desk_queue": desk_policy.user_can_answer(user),
        "meja": desa_publishing_policy.offers_meja(user),
        # Operators write in Meja Tulis; the admin is for staff.
        "admin": not desa_publishing_policy.kept_out_of_admin(user),
    }
