"""Readiness listens to the apps below it: each event marks its desa for one
refresh of the desa summary when the transaction commits."""

from accounts.signals import operators_changed
from certificates.signals import certificate_ended, certificate_issued
from courses.signals import course_completed
from portal.signals import publish_recorded

from .services import refresh_desa_summaries_on_commit


def operators_of_desa_changed(sender, desa_ids, **kwargs):
    refresh_desa_summaries_on_commit(desa_ids=desa_ids)


def operator_completed_course(sender, operator, course, **kwargs):
    refresh_desa_summaries_on_commit(desa_ids=[operator.region_id])


def certificate_changed(sender, certificate, **kwargs):
    refresh_desa_summaries_on_commit(desa_ids=[certificate.operator.region_id])


def publish_was_recorded(sender, event, **kwargs):
    refresh_desa_summaries_on_commit(desa_ids=[event.desa_id])


def register_signal_handlers():
    operators_changed.connect(
        operators_of_desa_changed, dispatch_uid="readiness_operators_changed"
    )
    course_completed.connect(
        operator_completed_course, dispatch_uid="readiness_course_completed"
    )
    certificate_issued.connect(
        certificate_changed, dispatch_uid="readiness_certificate_issued"
    )
    certificate_ended.connect(
        certificate_changed, dispatch_uid="readiness_certificate_ended"
    )
    publish_recorded.connect(
        publish_was_recorded, dispatch_uid="readiness_publish_recorded"
    )
