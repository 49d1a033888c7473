"""What the readiness tests build on top of the shared world: a course whose
certificate carries publishing rights, and a way to publish. Operators finish the
course with `courses.factories.finish_course`."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.factories import build_course
from portal.models import PublishEvent
from readiness.services import refresh_desa_summary
from regions.models import Region


@pytest.fixture(autouse=True)
def _summaries_refreshed(readiness_refreshed_at_once):
    """These tests read the summaries right after each event (see the fixture)."""


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def course(world):
    """The one-lesson course that makes an operator trained and, on completion,
    certified to publish."""
    return build_course(
        title="Operator Website Desa",
        modules=1,
        lessons_per_module=1,
        grants_publishing_rights=True,
    )


@pytest.fixture
def publish(now):
    """Record a publish in a desa `days` before `now` and refresh its summary."""

    def record(code, *, days):
        desa = Region.objects.get(code=code)
        PublishEvent.objects.create(
            desa=desa, page_title="Kabar desa", published_at=now - timedelta(days=days)
        )
        refresh_desa_summary(desa_id=desa.pk)

    return record
