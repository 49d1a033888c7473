"""Writes for readiness: keep per-desa summaries current, rebuild them, import
external activity, save a kabupaten's settings, take monthly snapshots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import RegionScope
from certificates.models import Certificate
from courses.models import Enrollment
from lms.shared.csvimport import CsvLayout, RowInvalid, import_rows
from portal.models import ActivityWindows, ExternalActivity
from portal.selectors import last_publish_by_desa
from regions.models import Region

from .models import DesaSummary, KabupatenSettings, Snapshot
from .permissions import readiness_policy
from .selectors import annotate_readiness

if TYPE_CHECKING:
    from accounts.models import User


def _figures(desa_filter):
    """Per-desa figures from the source tables, for the desa matching `desa_filter`
    (a Q on the desa/region field path prefix ``region``). Five grouped queries."""
    operators = User.objects.filter(role=User.Role.OPERATOR, is_active=True).filter(
        desa_filter("region")
    )
    figures = {}

    def row(desa_id):
        return figures.setdefault(
            desa_id,
            {
                "operators": 0,
                "operators_trained": 0,
                "operators_certified": 0,
                "first_operator_at": None,
                "last_published_at": None,
                "certificate_expires": None,
            },
        )

    for desa_id, n, first in (
        operators.values("region_id")
        .annotate(n=Count("pk"), first=Min("date_joined"))
        .values_list("region_id", "n", "first")
    ):
        row(desa_id).update(operators=n, first_operator_at=first)
    trained = (
        Enrollment.objects.filter(
            operator__in=operators,
            completed_at__isnull=False,
            course__grants_publishing_rights=True,
        )
        .values("operator__region_id")
        .annotate(n=Count("operator_id", distinct=True))
        .values_list("operator__region_id", "n")
    )
    for desa_id, n in trained:
        row(desa_id)["operators_trained"] = n
    certified = (
        Certificate.objects.filter(
            operator__in=operators,
            status=Certificate.Status.VALID,
            course__grants_publishing_rights=True,
        )
        .values("operator__region_id")
        .annotate(n=Count("operator_id", distinct=True), expires=Min("valid_until"))
        .values_list("operator__region_id", "n", "expires")
    )
    for desa_id, n, expires in certified:
        row(desa_id).update(operators_certified=n, certificate_expires=expires)
    for desa_id, last in last_publish_by_desa(desa_filter("desa")).items():
        row(desa_id)["last_published_at"] = last
    return figures


EMPTY = {
    "operators": 0,
    "operators_trained": 0,
    "operators_certified": 0,
    "first_operator_at": None,
    "last_published_at": None,
    "certificate_expires": None,
}


def refresh_desa_summary(*, desa_id: int | None) -> DesaSummary | None:
    """Recompute one desa's summary (called after anything that changes it)."""
    if desa_id is None:
        return None
    desa = (
        Region.objects.filter(pk=desa_id, level=Region.Level.DESA)
        .values_list("code", flat=True)
        .first()
    )
    if desa is None:
        return None
    figures = _figures(lambda path: Q(**{f"{path}_id": desa_id})).get(desa_id, EMPTY)
    summary, _created = DesaSummary.objects.update_or_create(
        desa_id=desa_id,
        defaults={"kabupaten_code": desa[:5], "kecamatan_code": desa[:8], **figures},
    )
    return summary


def refresh_desa_summaries(*, desa_ids: Iterable[int]) -> None:
    for desa_id in set(desa_ids):
        refresh_desa_summary(desa_id=desa_id)


class _RefreshOnCommit:
    """The one refresh of the desa touched in a transaction, run when it commits."""

    def __init__(self):
        self.desa_ids = set()

    def __call__(self):
        refresh_desa_summaries(desa_ids=self.desa_ids)


def refresh_desa_summaries_on_commit(*, desa_ids: Iterable[int | None]) -> None:
    """Refresh each touched desa once, when the current transaction commits.

    Every event of a transaction (a course completed, its certificate issued, an
    operator moved) adds its desa to the transaction's one pending refresh; outside
    a transaction the refresh runs at once. A rollback drops the pending refresh
    with the transaction's other on-commit callbacks.
    """
    desa_ids = {d for d in desa_ids if d}
    if not desa_ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        refresh_desa_summaries(desa_ids=desa_ids)
        return
    # Django keeps the transaction's callbacks as (savepoint ids, callback, robust).
    pending = next(
        (
            callback
            for _savepoints, callback, _robust in connection.run_on_commit
            if isinstance(callback, _RefreshOnCommit)
        ),
        None,
    )
    if pending is None:
        pending = _RefreshOnCommit()
        transaction.on_commit(pending)
    pending.desa_ids.update(desa_ids)


@transaction.atomic
def rebuild_summaries(*, prefix: str | None = None) -> int:
    """Recompute every summary (or those under a region code) from the source tables."""
    desa = Region.objects.filter(level=Region.Level.DESA)
    if prefix:
        desa = desa.filter(code__startswith=f"{prefix}.")

    def scope(path):
        return Q(**{f"{path}__code__startswith": f"{prefix}."}) if prefix else Q()

    figures = _figures(scope)
    rows = [
        DesaSummary(
            desa_id=pk,
            kabupaten_code=code[:5],
            kecamatan_code=code[:8],
            **figures.get(pk, EMPTY),
        )
        for pk, code in desa.values_list("pk", "code").iterator(chunk_size=10000)
    ]
    existing = (
        DesaSummary.objects.filter(desa__in=desa)
        if prefix
        else DesaSummary.objects.all()
    )
    existing.delete()
    DesaSummary.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


# The largest value ExternalActivity.article_count holds on PostgreSQL.
MAX_ARTICLE_COUNT = 2_147_483_647


ACTIVITY_CSV = CsvLayout(
    columns=("kode_desa", "tanggal_terakhir_terbit", "jumlah_artikel"),
    optional=1,
    header_aliases=frozenset({"kode"}),
    no_rows_message=gettext_lazy("The file has no rows. Write one desa per line."),
)


def import_activity(*, actor: User, raw: bytes) -> int:
    """All-or-nothing import of external website activity for desa in the actor's region.

    A bad line raises ImportFailed naming every line at fault; nothing is written.
    """
    if not readiness_policy.user_can_see_any(actor):
        raise PermissionError(_("You may not import activity."))
    allowed_desa = {
        r.code: r
        for r in Region.objects.filter(level=Region.Level.DESA).filter(
            RegionScope.for_user(actor).q("code")
        )
    }
    today = timezone.localdate()
    seen = {}

    def clean_row(row):
        code, day_raw, count_raw = row.cells
        desa = allowed_desa.get(code)
        if desa is None:
            raise RowInvalid(
                _("Desa code “%(code)s” is unknown or outside your region.")
                % {"code": code}
            )
        try:
            day = dt.date.fromisoformat(day_raw)
        except ValueError:
            raise RowInvalid(
                _("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-10-31.")
                % {"value": day_raw}
            ) from None
        if day > today:
            raise RowInvalid(
                _("The date %(value)s is in the future.") % {"value": day_raw}
            )
        if count_raw and not count_raw.isdecimal():
            raise RowInvalid(
                _("The article count “%(value)s” is not a whole number.")
                % {"value": count_raw}
            )
        if count_raw and int(count_raw) > MAX_ARTICLE_COUNT:
            raise RowInvalid(
                _(
                    "The article count “%(value)s” is too large. Write the number of articles on the website."
                )
                % {"value": count_raw}
            )
        if code in seen:
            raise RowInvalid(
                _("Desa %(code)s already appears on line %(line)s.")
                % {"code": code, "line": seen[code]}
            )
        seen[code] = row.line
        return desa, day, int(count_raw) if count_raw else None

    def write(rows):
        for desa, day, count in rows:
            ExternalActivity.objects.update_or_create(
                desa=desa, defaults={"last_published_on": day, "article_count": count}
            )
            refresh_desa_summary(desa_id=desa.pk)
        return len(rows)

    return import_rows(raw, layout=ACTIVITY_CSV, clean_row=clean_row, write=write)


@transaction.atomic
def save_kabupaten_settings(
    *, kabupaten: Region, active_days: int, less_active_days: int, stuck_days: int
) -> None:
    """A kabupaten's activity windows (kept by the portal, whose rule the dashboard
    and workshop placement share) and its pendampingan threshold."""
    ActivityWindows.objects.update_or_create(
        kabupaten=kabupaten,
        defaults={"active_days": active_days, "less_active_days": less_active_days},
    )
    KabupatenSettings.objects.update_or_create(
        kabupaten=kabupaten, defaults={"stuck_days": stuck_days}
    )


@transaction.atomic
def take_snapshot(
    *, month: dt.date | None = None, now: dt.datetime | None = None
) -> int:
    """Record every desa's level and activity for the month (idempotent per month)."""
    now = now or timezone.now()
    month = (month or timezone.localdate(now)).replace(day=1)
    Snapshot.objects.filter(month=month).delete()
    rows = [
        Snapshot(
            month=month,
            desa_id=s["desa_id"],
            kabupaten_code=s["kabupaten_code"],
            level=s["level"],
            activity=s["activity"],
        )
        for s in annotate_readiness(DesaSummary.objects.all(), now=now)
        .values("desa_id", "kabupaten_code", "level", "activity")
        .iterator(chunk_size=10000)
    ]
    Snapshot.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
