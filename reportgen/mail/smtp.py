"""Deliver a message over SMTP, retrying temporary failures a few times with backoff.

Errors come out typed: `TemporaryDeliveryError` (exit 75, EX_TEMPFAIL) for what may succeed
later (4xx replies, refused or timed-out connections), `DeliveryError` (exit 5) for the rest.
"""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage

from reportgen.errors import ConfigError, DeliveryError, TemporaryDeliveryError

SECURITIES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
PASSWORD_VARIABLE = "REPORTGEN_SMTP_PASSWORD"


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to deliver: one SMTP server, one sender, its recipients."""

    host: str
    port: int
    security: str  # one of SECURITIES
    sender: str
    recipients: tuple[str, ...]
    user: str | None = None
    timeout: float = 30.0
    attempts: int = 3  # tries in all, the first included
    backoff: float = 1.0  # seconds before the second try; doubled for each further one
    context: ssl.SSLContext | None = field(default=None, compare=False)  # None: system CAs


def validate(settings: SmtpSettings, password: str | None) -> None:
    """Report every problem with the settings at once, before any connection is made."""
    problems: list[str] = []
    if not settings.host:
        problems.append("email: no SMTP host (set host in [tool.reportgen.email] or --smtp-host)")
    if not 0 < settings.port < 65536:
        problems.append(f"email: port {settings.port} is not a TCP port")
    if settings.security not in SECURITIES:
        problems.append(f"email: security must be one of {', '.join(SECURITIES)}, not {settings.security!r}")
    if not settings.sender:
        problems.append("email: no sender (set from in [tool.reportgen.email] or --from)")
    if not settings.recipients:
        problems.append("email: no recipients (set to in [tool.reportgen.email] or --to)")
    if settings.attempts < 1:
        problems.append("email: attempts must be at least 1")
    if settings.user and password is None:
        problems.append(f"email: user {settings.user!r} given but {PASSWORD_VARIABLE} is not set")
    if settings.user and settings.security == "none" and not _is_loopback(settings.host):
        problems.append("email: refusing to send a password unencrypted; use security starttls or ssl")
    if problems:
        raise ConfigError(problems)


def send(
    message: EmailMessage,
    settings: SmtpSettings,
    password: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Deliver one message to every recipient, retrying temporary failures with backoff."""
    validate(settings, password)
    pending = list(settings.recipients)
    delay = settings.backoff
    for attempt in range(1, settings.attempts + 1):
        try:
            refused = _send_once(message, settings, password, pending)
        except TemporaryDeliveryError:
            if attempt == settings.attempts:
                raise
        else:
            permanent = {r: reply for r, reply in refused.items() if not _is_temporary(reply[0])}
            if permanent:
                raise DeliveryError(f"recipients refused: {_describe_refused(permanent)}")
            if not refused:
                return
            pending = list(refused)
            if attempt == settings.attempts:
                raise TemporaryDeliveryError(
                    f"recipients still deferred after {attempt} attempts: {_describe_refused(refused)}"
                )
        sleep(delay)
        delay *= 2


def _send_once(
    message: EmailMessage, settings: SmtpSettings, password: str | None, recipients: list[str]
) -> dict[str, tuple[int, bytes]]:
    """One connection, one transaction; SMTP and socket errors become typed delivery errors."""
    where = f"{settings.host}:{settings.port}"
    try:
        with _connect(settings) as client:
            if settings.user:
                client.login(settings.user, password or "")
            return client.send_message(message, from_addr=settings.sender, to_addrs=recipients)
    except smtplib.SMTPRecipientsRefused as error:
        return dict(error.recipients)
    except smtplib.SMTPResponseException as error:
        text = _reply_text(error.smtp_error)
        kind = TemporaryDeliveryError if _is_temporary(error.smtp_code) else DeliveryError
        raise kind(f"{where} replied {error.smtp_code} {text}") from None
    except smtplib.SMTPNotSupportedError as error:
        raise DeliveryError(f"{where}: {error}") from None
    except smtplib.SMTPServerDisconnected as error:
        raise TemporaryDeliveryError(f"{where}: connection closed ({error or 'no reason given'})") from None
    except ssl.SSLError as error:
        raise DeliveryError(f"{where}: TLS failed ({error.reason or error})") from None
    except (ConnectionError, TimeoutError) as error:
        raise TemporaryDeliveryError(f"{where}: {error.strerror or type(error).__name__}") from None
    except OSError as error:  # name resolution, unreachable network
        raise TemporaryDeliveryError(f"{where}: {error.strerror or error}") from None


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    """Open the connection the settings ask for; STARTTLS is required, never opportunistic."""
    context = settings.context or ssl.create_default_context()
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
    client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    if settings.security == "starttls":
        try:
            client.starttls(context=context)
        except BaseException:
            client.close()
            raise
    return client


def _is_temporary(code: int) -> bool:
    """RFC 5321: 4yz replies are transient; anything else that failed is permanent."""
    return 400 <= code < 500


def _reply_text(reply: bytes | str) -> str:
    """A server reply as one printable line."""
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())


def _describe_refused(refused: dict[str, tuple[int, bytes]]) -> str:
    """Refused recipients with their replies, on one line."""
    return ", ".join(f"{r} ({code} {_reply_text(text)})" for r, (code, text) in refused.items())


def _is_loopback(host: str) -> bool:
    """Whether a host is this machine, where an unencrypted login exposes nothing."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
