"""What certificates do when a lower app reports an event."""

from courses.signals import course_completed

from .services import issue_on_course_completion


def issue_certificate_on_completion(sender, operator, course, **kwargs):
    issue_on_course_completion(operator=operator, course=course)


def register_signal_handlers():
    # Runs inside the completion transaction, once per operator and course.
    course_completed.connect(
        issue_certificate_on_completion, dispatch_uid="certificates_issue_on_completion"
    )
