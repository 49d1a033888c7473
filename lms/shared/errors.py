"""The one base class of the project's domain errors."""


class DomainError(Exception):
    """An action the rules do not allow; the message says why and what to do.

    Services raise subclasses (`CertificateError`, `LearningError`, ...) with a
    translated sentence; a view that does not handle one itself gets it shown as a
    message by `lms.middleware.DomainErrorMiddleware`, never as a server error.
    """
