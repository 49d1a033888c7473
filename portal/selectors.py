"""Reads for the portal pages, and the one rule for website activity.

Website activity has one rule, and it is here: a desa is *aktif* when it last
published within its kabupaten's active window (30 days unless Diskominfo sets
another), *kurang aktif* within the less-active window (90 days), *tidak aktif*
otherwise or if it never published. "Last published" is the later of its last publish
on this portal and the date imported for a website that lives elsewhere.
`classify_activity` is the rule for one date, `activity_conditions` the same rule
as SQL for the dashboard's aggregates, `website_activity_by_desa` the rule applied to
a set of desa.

Why the portal: the apps are layered regions → accounts → portal → courses →
certificates → workshops → desk → readiness → lms, each importing only those before
it. The readiness dashboard and workshop session placement both judge activity, and
workshops may not import readiness; the portal is the lowest app that needs the rule,
and it owns the facts the rule reads: the publish history (PublishEvent), the imported
activity (ExternalActivity) and each kabupaten's windows (ActivityWindows). Readiness
and workshops both call the functions below; none of them keeps a rule of its own.
"""

import datetime as dt
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry, WorkflowState

from accounts.models import User
from regions.selectors import timezone_name_for_code

from .models import (
    ACTIVE_DAYS,
    LESS_ACTIVE_DAYS,
    Activity,
    ActivityWindows,
    DesaPage,
    ExternalActivity,
    NewsPage,
    PotensiPage,
    ProgressPage,
    PublishEvent,
)
from .permissions import desa_publishing_policy

DEFAULT_WINDOWS = {"active_days": ACTIVE_DAYS, "less_active_days": LESS_ACTIVE_DAYS}


def classify_activity(
    last_published_at,
    *,
    now=None,
    active_days=ACTIVE_DAYS,
    less_active_days=LESS_ACTIVE_DAYS,
):
    """aktif (≤ active_days), kurang aktif (≤ less_active_days), else tidak aktif."""
    if last_published_at is None:
        return Activity.TIDAK_AKTIF
    age = ((now or timezone.now()) - last_published_at).days
    if age <= active_days:
        return Activity.AKTIF
    if age <= less_active_days:
        return Activity.KURANG_AKTIF
    return Activity.TIDAK_AKTIF


def windows_by_kabupaten(kabupaten_codes=None):
    """{kabupaten code: {"active_days", "less_active_days"}} of the kabupaten that set
    their own windows (all of them, or those among `kabupaten_codes`). One query."""
    rows = ActivityWindows.objects.all()
    if kabupaten_codes is not None:
        rows = rows.filter(kabupaten__code__in=kabupaten_codes)
    return {
        code: {"active_days": active, "less_active_days": less}
        for code, active, less in rows.values_list(
            "kabupaten__code", "active_days", "less_active_days"
        )
    }


def imported_publish_at(day, desa_code):
    """An imported publish date as the start of that day in the kabupaten's zone."""
    zone = zoneinfo.ZoneInfo(timezone_name_for_code(desa_code))
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone)


def last_publish_by_desa(where=None):
    """{desa_id: when it last published} for the desa `where` selects (a Q on the `desa`
    field, e.g. ``Q(desa_id__in=ids)``; every desa if None): the later of its last
    portal publish and its imported date. Desa that never published are left out.
    Two queries."""
    where = where or Q()
    last = dict(
        PublishEvent.objects.filter(where)
        .values("desa_id")
        .annotate(last=Max("published_at"))
        .values_list("desa_id", "last")
    )
    for desa_id, code, day in ExternalActivity.objects.filter(where).values_list(
        "desa_id", "desa__code", "last_published_on"
    ):
        imported = imported_publish_at(day, code)
        if last.get(desa_id) is None or imported > last[desa_id]:
            last[desa_id] = imported
    return last


def website_activity_by_desa(desa, *, now=None):
    """{desa_id: Activity} for the given desa (Region objects), each judged by its own
    kabupaten's windows. Three queries."""
    desa = list(desa)
    last = last_publish_by_desa(Q(desa_id__in=[d.pk for d in desa]))
    windows = windows_by_kabupaten({d.code[:5] for d in desa})
    return {
        d.pk: classify_activity(
            last.get(d.pk),
            now=now,
            **windows.get(d.code[:5], DEFAULT_WINDOWS),
        )
        for d in desa
    }


def activity_counts(desa_queryset, *, now=None):
    """How many desa are aktif / kurang aktif / tidak aktif."""
    counts = Counter(website_activity_by_desa(desa_queryset, now=now).values())
    return {activity: counts[activity] for activity in Activity}


def activity_conditions(
    *, now, last_published, kabupaten_code, kabupaten_codes=None, windows=None
):
    """The rule as SQL: Q objects for "published within the active window" and "within
    the less-active window", each kabupaten by its own windows, for a model with a
    last-publish field and a kabupaten-code field (their names). One query.

    `kabupaten_codes`: the rows to judge all lie in these kabupaten (e.g. a kabupaten's
    own dashboard), so only their windows are read and put in the SQL (a kabupaten
    page stays as small and fast when a hundred other kabupaten set windows).
    `windows`: windows_by_kabupaten()'s answer, already read (then no query).

    Kabupaten with the same window share one condition (`kabupaten_code IN (...)`):
    the SQL grows with the number of distinct windows, not with the number of
    kabupaten that set one (one branch per kabupaten, repeated in every aggregate,
    took the national rollup past 1 s at 20 such kabupaten, 2.7 s at 100).
    """
    custom = windows if windows is not None else windows_by_kabupaten(kabupaten_codes)

    def within(days):
        # Within N days means fewer than N+1 whole days ago, as in classify_activity.
        return Q(**{f"{last_published}__gt": now - timedelta(days=days + 1)})

    def condition(window):
        default = DEFAULT_WINDOWS[window]
        by_days = {}
        for code, windows in custom.items():
            if windows[window] != default:
                by_days.setdefault(windows[window], []).append(code)
        others = [code for codes in by_days.values() for code in codes]
        q = ~Q(**{f"{kabupaten_code}__in": others}) & within(default)
        for days, codes in sorted(by_days.items()):
            q |= Q(**{f"{kabupaten_code}__in": codes}) & within(days)
        return q

    return condition("active_days"), condition("less_active_days")


def live_children(page, model):
    return model.objects.child_of(page).live().order_by("title")


def desa_latest_pages(desa_page, limit=5):
    return {
        "news_pages": NewsPage.objects.child_of(desa_page)
        .live()
        .order_by("-date")[:limit],
        "potensi_pages": PotensiPage.objects.child_of(desa_page)
        .live()
        .order_by("title")[:limit],
        "progress_pages": ProgressPage.objects.child_of(desa_page)
        .live()
        .order_by("-date")[:limit],
    }


def scheduled_by(revision):
    """The user who scheduled a page revision to go live, or None if unknown.

    That is whoever pressed publish with a go-live time (an operator, or the
    moderator whose approval scheduled it), as Wagtail's log records; a revision
    scheduled without a log entry falls back to its author.
    """
    entry = (
        PageLogEntry.objects.filter(
            action="wagtail.publish.schedule", revision=revision
        )
        .order_by("-timestamp", "-pk")
        .first()
    )
    user_id = entry.user_id if entry is not None else revision.user_id
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id).first()


# Meja Tulis --------------------------------------------------------------------------


class MejaState(models.TextChoices):
    """Where a page of Meja Tulis stands, as its operator reads it."""

    DRAFT = "draft", _("Draft")
    MODERATION = "moderation", _("Waiting for moderation")
    CHANGES_REQUESTED = "changes_requested", _("Sent back for changes")
    LIVE = "live", _("Published")
    LIVE_WITH_DRAFT = "live_with_draft", _("Published, with unpublished changes")


# The page types an operator writes, by the word in their Meja Tulis address.
MEJA_KINDS = {"berita": NewsPage, "potensi": PotensiPage, "progres": ProgressPage}


@dataclass
class MejaEntry:
    """A page of the operator's desa with its state and the moderator's last word."""

    page: Page
    kind: str
    state: str
    comment: str = ""
    reviewer: str = ""
    reviewed_at: dt.datetime | None = None

    @property
    def state_label(self):
        return MejaState(self.state).label

    @property
    def kind_label(self):
        model = MEJA_KINDS.get(self.kind, DesaPage)
        return model._meta.verbose_name


def meja_desa_page(user):
    """The desa page `user` writes in Meja Tulis, or None if Meja Tulis is not theirs."""
    if not desa_publishing_policy.user_can_use_meja(user):
        return None
    return DesaPage.objects.filter(region_id=user.region_id).first()


def _meja_scope(desa_page):
    return Q(pk=desa_page.pk) | Q(
        path__startswith=desa_page.path, depth=desa_page.depth + 1
    )


def _kind_of(page):
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    for kind, kind_model in MEJA_KINDS.items():
        if model is kind_model:
            return kind
    return "desa"


def _entries(pages):
    page_type = ContentType.objects.get_for_model(Page)
    states = {
        int(state.object_id): state
        for state in WorkflowState.objects.active()
        .filter(base_content_type=page_type, object_id__in=[str(p.pk) for p in pages])
        .select_related("current_task_state__finished_by")
    }
    entries = []
    for page in pages:
        entry = MejaEntry(page=page, kind=_kind_of(page), state=MejaState.DRAFT)
        workflow = states.get(page.pk)
        if workflow is not None and workflow.status == WorkflowState.STATUS_IN_PROGRESS:
            entry.state = MejaState.MODERATION
        elif workflow is not None:
            entry.state = MejaState.CHANGES_REQUESTED
            task_state = workflow.current_task_state
            if task_state is not None:
                entry.comment = task_state.comment
                entry.reviewed_at = task_state.finished_at
                if task_state.finished_by is not None:
                    entry.reviewer = task_state.finished_by.display_name
        elif page.live and page.has_unpublished_changes:
            entry.state = MejaState.LIVE_WITH_DRAFT
        elif page.live:
            entry.state = MejaState.LIVE
        entries.append(entry)
    return entries


def meja_entries(desa_page):
    """The desa page and the pages under it, newest work first after the profile,
    each with its state. Two queries."""
    pages = list(
        Page.objects.filter(_meja_scope(desa_page)).order_by(
            "depth", "-latest_revision_created_at", "-pk"
        )
    )
    return _entries(pages)


def meja_entry(desa_page, page_id):
    """The entry of page `page_id` if it is the desa page or one under it, else None."""
    page = Page.objects.filter(_meja_scope(desa_page), pk=page_id).first()
    return _entries([page])[0] if page is not None else None
