"""A real SMTP server for the notification tests (aiosmtpd on a free port)."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


class Mailbox:
    """What the SMTP server received: parsed messages with their envelope."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(
            {
                "to": list(envelope.rcpt_tos),
                "subject": str(message["Subject"]),
                "body": message.get_body(preferencelist=("plain",)).get_content(),
            }
        )
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    """The server on one port: `stop()` it (the port then refuses connections)
    and `start()` it again; what it received stays in `mailbox`."""

    def __init__(self, mailbox, port):
        self.mailbox, self.port, self.controller = mailbox, port, None

    def start(self):
        # An aiosmtpd controller cannot start twice: a new one on the same port.
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(settings):
    """A running SMTP server on localhost that the site sends its email to."""
    server = SMTPServer(Mailbox(), free_port())
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def smtp_server(smtp):
    """What the SMTP server on localhost received (`received`)."""
    return smtp.mailbox
