"""Reads for the portal pages and website activity."""

from datetime import timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone
from wagtail.models import PageLogEntry

from accounts.models import User

from .models import NewsPage, PotensiPage, ProgressPage, PublishEvent

ACTIVE_DAYS = 30
LESS_ACTIVE_DAYS = 90


class Activity:
    AKTIF = "aktif"
    KURANG_AKTIF = "kurang_aktif"
    TIDAK_AKTIF = "tidak_aktif"


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


def desa_activity(desa, *, now=None):
    """Last publish and publish counts in the last 30/90 days of one desa, in one query."""
    now = now or timezone.now()
    return PublishEvent.objects.filter(desa=desa).aggregate(
        last_published_at=Max("published_at"),
        published_30=Count(
            "pk", filter=Q(published_at__gte=now - timedelta(days=ACTIVE_DAYS))
        ),
        published_90=Count(
            "pk", filter=Q(published_at__gte=now - timedelta(days=LESS_ACTIVE_DAYS))
        ),
    )


def last_publish_by_desa(desa_queryset):
    """{desa_id: last published_at} for a set of desa, in one query."""
    return dict(
        PublishEvent.objects.filter(desa__in=desa_queryset)
        .values("desa_id")
        .annotate(last=Max("published_at"))
        .values_list("desa_id", "last")
    )


def activity_counts(desa_queryset, *, now=None):
    """How many desa are aktif / kurang aktif / tidak aktif."""
    last = last_publish_by_desa(desa_queryset)
    counts = {Activity.AKTIF: 0, Activity.KURANG_AKTIF: 0, Activity.TIDAK_AKTIF: 0}
    for desa_id in desa_queryset.values_list("pk", flat=True):
        counts[classify_activity(last.get(desa_id), now=now)] += 1
    return counts


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
