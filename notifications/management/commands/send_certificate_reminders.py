"""Remind operators 60, 30 and 7 days before their certificate ends (run daily)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from certificates.selectors import valid_certificates_ending_between
from notifications.models import Notice
from notifications.services import (
    REMINDER_DAYS,
    notify_certificate_expiring,
    reminder_for,
)


class Command(BaseCommand):
    help = (
        "Send each valid certificate's reminder 60, 30 or 7 days before it ends, "
        "once (only the nearest one due). Run daily."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        reminders = Notice.objects.filter(kind=Notice.Kind.CERTIFICATE_EXPIRING)
        before = reminders.count()
        certificates = valid_certificates_ending_between(
            first=today, last=today + timedelta(days=max(REMINDER_DAYS))
        )
        # Reminders already sent are skipped here, not by a refused insert each day.
        sent_keys = set(
            reminders.filter(created_at__gte=timezone.now() - timedelta(days=90))
            .filter(key__startswith="cert-expiring:")
            .values_list("key", flat=True)
        )
        for certificate in certificates.iterator(chunk_size=500):
            days_left = (certificate.valid_until - today).days
            key = f"cert-expiring:{certificate.pk}:{reminder_for(days_left=days_left)}"
            if key not in sent_keys:
                notify_certificate_expiring(certificate=certificate, today=today)
        sent = reminders.count() - before
        self.stdout.write(f"{sent} certificate reminder(s) sent.")
