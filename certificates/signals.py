"""Events of certificates, for the apps above it (see `signal_handlers.py` there)."""

from django.dispatch import Signal

# A certificate was issued (automatically, by hand, in a batch, as a re-issue
# or as a renewal), inside the issuing transaction. Args: certificate.
certificate_issued = Signal()

# A valid certificate ended: revoked, expired, replaced or renewed early (see
# `certificate.status`), inside that transaction. Args: certificate.
certificate_ended = Signal()
