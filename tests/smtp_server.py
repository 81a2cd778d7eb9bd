"""A real SMTP server on 127.0.0.1 (aiosmtpd) for delivery tests: records what it receives.

It can require AUTH (checking a password), offer STARTTLS with a test CA's certificate, and
answer RCPT or DATA with a scripted reply (e.g. 451) for the first N transactions.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    """One accepted transaction."""

    sender: str
    recipients: list[str]
    data: bytes
    login: str | None


@dataclass
class Recorder:
    """The server's handler: accepts or refuses by script, and remembers every attempt."""

    refuse_data: list[str] = field(default_factory=list)  # replies to give to DATA, one per attempt
    refuse_rcpt: dict[str, list[str]] = field(default_factory=dict)  # per recipient, replies to give
    messages: list[Received] = field(default_factory=list)
    data_attempts: int = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list) -> str:
        """Refuse a recipient while its script has replies left."""
        script = self.refuse_rcpt.get(address)
        if script:
            return script.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Refuse while the DATA script has replies left, then keep the message."""
        self.data_attempts += 1
        if self.refuse_data:
            return self.refuse_data.pop(0)
        login = session.auth_data.decode() if isinstance(session.auth_data, bytes) else None
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content, login))
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def password_authenticator(user: str, password: str) -> Any:
    """An aiosmtpd authenticator accepting exactly one user and password."""

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        if auth_data.login.decode() == user and auth_data.password.decode() == password:
            return AuthResult(success=True, auth_data=auth_data.login)
        return AuthResult(success=False, handled=False)  # not handled: the server replies 535

    return authenticate


@contextmanager
def smtp_server(
    recorder: Recorder,
    authenticator: Any = None,
    tls_context: ssl.SSLContext | None = None,
) -> Iterator[int]:
    """Run the server on a free port of 127.0.0.1 for the block; yields the port."""
    port = free_port()
    kwargs: dict[str, Any] = {}
    if authenticator is not None:
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=tls_context is not None)
    if tls_context is not None:
        kwargs.update(tls_context=tls_context, require_starttls=True)
    controller = Controller(recorder, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
