"""Email: the MIME structure of a brief's message, and delivery to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import smtplib
import ssl
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage

import pytest

from reportgen.errors import ConfigError, DeliveryError, TemporaryDeliveryError
from reportgen.mail.message import Attachment, Envelope, InlineImage, build_message
from reportgen.mail.settings import smtp_settings
from reportgen.mail.smtp import SmtpSettings, send
from tests.smtp_server import Recorder, free_port, password_authenticator, smtp_server

PASSWORD = "s3cret pass"
# aiosmtpd warns when AUTH is offered without TLS; the plain-SMTP tests do that on purpose, on loopback.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def small_message(subject: str = "ACME (ACME) — Q1 FY2008 brief") -> EmailMessage:
    """A message with every kind of part, built without rendering a brief."""
    envelope = Envelope(subject, "briefs@example.com", ("analyst@example.com",), datetime(2007, 11, 1, tzinfo=timezone.utc))
    image = InlineImage("revenue.0@reportgen", "revenue.png", b"\x89PNG\r\n\x1a\nfake")
    return build_message(envelope, "Revenue $11.4 million", '<img src="cid:revenue.0@reportgen">', (image,), (Attachment("brief.pdf", b"%PDF-1.7 x"),))


def settings(port: int, **changes: object) -> SmtpSettings:
    """Settings for the test server: plain SMTP on loopback, fast retries."""
    values: dict[str, object] = dict(
        host="127.0.0.1", port=port, security="none", sender="briefs@example.com",
        recipients=("analyst@example.com",), timeout=5.0, attempts=3, backoff=0.01,
    )
    values.update(changes)
    return SmtpSettings(**values)  # type: ignore[arg-type]


def test_header_injection_through_a_company_name_adds_no_header() -> None:
    message = small_message("Evil Corp\r\nBcc: victim@example.net\r\n\r\nbody — Q1 brief")
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Evil Corp Bcc: victim@example.net body — Q1 brief"
    assert [k for k in parsed.keys()] == ["Subject", "From", "To", "Date", "MIME-Version", "Content-Type"]


def test_the_email_policy_itself_refuses_a_raw_newline_in_a_header() -> None:
    message = EmailMessage(policy=policy.default)
    with pytest.raises(ValueError, match="linefeed or carriage return"):
        message["Subject"] = "Evil\r\nBcc: victim@example.net"


def test_same_content_gives_the_same_bytes() -> None:
    assert small_message().as_bytes() == small_message().as_bytes()
    assert b"===============" not in small_message().as_bytes()


def test_delivers_with_auth_over_plain_smtp_on_loopback() -> None:
    recorder = Recorder()
    with smtp_server(recorder, password_authenticator("bot", PASSWORD)) as port:
        send(small_message(), settings(port, user="bot"), PASSWORD)
    assert len(recorder.messages) == 1
    received = recorder.messages[0]
    assert (received.sender, received.recipients, received.login) == ("briefs@example.com", ["analyst@example.com"], "bot")
    parsed = email.message_from_bytes(received.data, policy=policy.default)
    assert parsed.get_content_type() == "multipart/mixed"
    assert parsed["Subject"] == "ACME (ACME) — Q1 FY2008 brief"


def test_wrong_password_is_a_permanent_failure() -> None:
    recorder = Recorder()
    with smtp_server(recorder, password_authenticator("bot", PASSWORD)) as port:
        with pytest.raises(DeliveryError) as caught:
            send(small_message(), settings(port, user="bot"), "wrong")
    assert type(caught.value) is DeliveryError and caught.value.exit_code == 5
    assert "535" in str(caught.value) and "\n" not in str(caught.value)
    assert recorder.messages == []


def test_delivers_over_starttls_with_a_verified_certificate() -> None:
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    authority.configure_trust(client_context)
    recorder = Recorder()
    with smtp_server(recorder, password_authenticator("bot", PASSWORD), server_context) as port:
        send(small_message(), settings(port, security="starttls", user="bot", context=client_context), PASSWORD)
        with pytest.raises(DeliveryError, match="TLS failed"):  # the system CAs do not know the test CA
            send(small_message(), settings(port, security="starttls", user="bot", attempts=1), PASSWORD)
    assert [m.login for m in recorder.messages] == ["bot"]


def test_a_451_reply_is_retried_then_delivered() -> None:
    recorder = Recorder(refuse_data=["451 4.3.0 Try again later"])
    delays: list[float] = []
    with smtp_server(recorder) as port:
        send(small_message(), settings(port), sleep=delays.append)
    assert recorder.data_attempts == 2 and len(recorder.messages) == 1
    assert delays == [0.01]


def test_a_persistent_451_is_a_temporary_failure_with_exit_code_75() -> None:
    recorder = Recorder(refuse_data=["451 4.3.0 Try again later"] * 5)
    delays: list[float] = []
    with smtp_server(recorder) as port:
        with pytest.raises(TemporaryDeliveryError) as caught:
            send(small_message(), settings(port), sleep=delays.append)
    assert caught.value.exit_code == 75
    assert str(caught.value) == f"127.0.0.1:{port} replied 451 4.3.0 Try again later"
    assert recorder.data_attempts == 3 and delays == [0.01, 0.02]


def test_a_deferred_recipient_is_retried_alone() -> None:
    recorder = Recorder(refuse_rcpt={"b@example.com": ["450 4.2.1 Mailbox busy"]})
    with smtp_server(recorder) as port:
        send(small_message(), settings(port, recipients=("a@example.com", "b@example.com")), sleep=lambda s: None)
    assert [m.recipients for m in recorder.messages] == [["a@example.com"], ["b@example.com"]]


def test_a_refused_recipient_is_a_permanent_failure() -> None:
    recorder = Recorder(refuse_rcpt={"nobody@example.com": ["550 5.1.1 No such user"] * 5})
    with smtp_server(recorder) as port:
        with pytest.raises(DeliveryError) as caught:
            send(small_message(), settings(port, recipients=("nobody@example.com",)), sleep=lambda s: None)
    assert type(caught.value) is DeliveryError
    assert str(caught.value) == "recipients refused: nobody@example.com (550 5.1.1 No such user)"


def test_connection_refused_is_retried_then_temporary() -> None:
    port = free_port()
    delays: list[float] = []
    with pytest.raises(TemporaryDeliveryError, match=f"127.0.0.1:{port}: Connection refused"):
        send(small_message(), settings(port), sleep=delays.append)
    assert delays == [0.01, 0.02]


def test_settings_report_every_problem_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        smtp_settings({"port": "25", "security": "tls", "colour": "red"}, {"host": None})
    assert caught.value.problems == [
        "email: unknown key 'colour' (known: host, port, security, user, from, to, timeout, attempts, backoff)",
        "email: security 'tls' not one of starttls, ssl, none",
        "email: port must be a positive number, not '25'",
    ]


def test_options_win_over_the_file_and_ports_follow_security() -> None:
    table = {"host": "mail.example.com", "security": "ssl", "from": "a@example.com", "to": "b@example.com"}
    assert smtp_settings(table, {}).port == 465
    merged = smtp_settings(table, {"host": "relay.example.com", "to": ("c@example.com", "d@example.com"), "security": "starttls"})
    assert (merged.host, merged.port, merged.recipients) == ("relay.example.com", 587, ("c@example.com", "d@example.com"))


def test_no_password_sent_in_the_clear_off_loopback() -> None:
    with pytest.raises(ConfigError, match="refusing to send a password unencrypted"):
        send(small_message(), settings(25, host="mail.example.com", user="bot"), PASSWORD)
