"""What courses do when a lower app (or Wagtail) reports an event."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from accounts.signals import roles_changed

from .models import CourseTreePage
from .selectors import forget_course_structure
from .services import assign_course_groups

# HomePage sits right under the root (depth 2), the course index under it: a
# change to a page this high can change every course page's URL.
TOP_DEPTH = 2


def assign_groups(sender, user, **kwargs):
    assign_course_groups(user=user)


def _changes_course_structure(page):
    # A specific page is its own class; only a base `Page` needs its content type.
    specific_class = type(page)
    if specific_class is Page:
        specific_class = page.specific_class or Page
    return (
        issubclass(specific_class, CourseTreePage)
        or page.depth is None  # not placed in the tree yet: cannot tell
        or page.depth <= TOP_DEPTH
    )


def _forget_structure():
    # Now, and again once the change is committed: a request that read the new
    # version before the commit may have kept the old rows under it.
    forget_course_structure()
    transaction.on_commit(forget_course_structure)


def forget_structure_on_change(sender, instance, **kwargs):
    """A page of the course tree (or above it) was saved, published, unpublished
    or deleted: the cached course structure is stale."""
    if isinstance(instance, Page) and _changes_course_structure(instance):
        _forget_structure()


def forget_structure_on_move(sender, instance, **kwargs):
    _forget_structure()


def register_signal_handlers():
    roles_changed.connect(assign_groups, dispatch_uid="courses_assign_groups")
    for signal in (post_save, post_delete, page_published, page_unpublished):
        signal.connect(
            forget_structure_on_change, dispatch_uid="courses_forget_structure"
        )
    post_page_move.connect(
        forget_structure_on_move, dispatch_uid="courses_forget_structure_move"
    )
