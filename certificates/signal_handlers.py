"""What certificates do when a lower app reports an event."""

from courses.signals import course_completed, renewal_completed

from .services import issue_on_course_completion, renew_certificate


def issue_certificate_on_completion(sender, operator, course, **kwargs):
    issue_on_course_completion(operator=operator, course=course)


def renew_certificate_on_renewal(sender, renewal, **kwargs):
    renew_certificate(operator=renewal.operator, course=renewal.course)


def register_signal_handlers():
    # Runs inside the completion transaction, once per operator and course.
    course_completed.connect(
        issue_certificate_on_completion, dispatch_uid="certificates_issue_on_completion"
    )
    # Runs inside the round's completing transaction: a refusal (a revocation)
    # raises and leaves the round open.
    renewal_completed.connect(
        renew_certificate_on_renewal, dispatch_uid="certificates_renew_on_renewal"
    )
