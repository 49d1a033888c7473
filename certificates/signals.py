"""Events of certificates, for the apps above it (see `signal_handlers.py` there)."""

from django.dispatch import Signal

# A certificate was issued (automatically, by hand, in a batch or as a
# re-issue), inside the issuing transaction. Args: certificate.
certificate_issued = Signal()

# A valid certificate ended: revoked or expired (see `certificate.status`),
# inside that transaction. Args: certificate.
certificate_ended = Signal()
