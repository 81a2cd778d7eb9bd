"""Email: the MIME structure of a brief's message, and delivery to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import ssl
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

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


# --- the sample's brief as a message, end to end --------------------------------------------

SAMPLE = Path(__file__).parent / "fixtures" / "filings" / "immunogen-2007q3-8k.txt"
PARTS = [
    "multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html",
    "image/png", "image/png", "image/png", "application/pdf",
]


@pytest.fixture(scope="module")
def sample_files() -> dict[str, bytes]:
    """The sample's brief as `render_brief` makes it: what the message must carry, byte for byte."""
    from reportgen.brief import render_brief
    from reportgen.parse import parse_path

    return render_brief(parse_path(SAMPLE))


def run_cli(*args: str) -> Result:
    """`reportgen ARGS` in this process, stdout and stderr apart."""
    from reportgen.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_eml(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """`reportgen email SAMPLE --eml DIR --to ...`, run once for the module."""
    folder = tmp_path_factory.mktemp("eml")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path_factory.mktemp("cwd"))  # no project config or templates/ of ours applies
        result = run_cli("email", str(SAMPLE), "--eml", str(folder), "--to", "analyst@example.com")
    return folder, result


def read_eml(path: Path) -> EmailMessage:
    """A stored message, parsed with the modern policy."""
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


def test_email_command_writes_one_named_eml_per_brief(sample_eml: tuple[Path, Result]) -> None:
    folder, result = sample_eml
    assert (result.exit_code, result.stderr) == (0, "")
    assert sorted(p.name for p in folder.iterdir()) == ["IMGN-2008Q1.eml"]
    assert result.stdout == f"IMGN-2008Q1: wrote {folder / 'IMGN-2008Q1.eml'}\n"


def test_eml_headers_come_from_the_filing(sample_eml: tuple[Path, Result]) -> None:
    message = read_eml(sample_eml[0] / "IMGN-2008Q1.eml")
    assert message["Subject"] == "ImmunoGen, Inc. (IMGN) \u2014 Q1 FY2008 brief"
    assert message["Date"] == "Thu, 01 Nov 2007 00:00:00 +0000"  # the date of report, not the clock
    assert message["From"] == "reportgen <reportgen@localhost>"
    assert message["To"] == "analyst@example.com"


def test_eml_parts_and_inline_charts(sample_eml: tuple[Path, Result], sample_files: dict[str, bytes]) -> None:
    message = read_eml(sample_eml[0] / "IMGN-2008Q1.eml")
    assert [part.get_content_type() for part in message.walk()] == PARTS
    html = message.get_body(("html",)).get_content()
    images = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert [p.get_filename() for p in images] == ["revenue.png", "expenses.png", "cash.png"]
    for image in images:
        assert image.get_content_disposition() == "inline"
        assert html.count(f'src="cid:{image["Content-ID"].strip("<>")}"') == 1
        assert image.get_content() == sample_files[image.get_filename()]
    assert html.count('src="cid:') == 3


def test_eml_attaches_the_very_pdf_render_brief_made(sample_eml: tuple[Path, Result], sample_files: dict[str, bytes]) -> None:
    message = read_eml(sample_eml[0] / "IMGN-2008Q1.eml")
    [pdf] = list(message.iter_attachments())
    assert (pdf.get_content_type(), pdf.get_filename(), pdf.get_content_disposition()) == ("application/pdf", "IMGN-2008Q1.pdf", "attachment")
    assert pdf.get_content() == sample_files["brief.pdf"]


def test_eml_plain_text_has_the_key_figures(sample_eml: tuple[Path, Result]) -> None:
    text = read_eml(sample_eml[0] / "IMGN-2008Q1.eml").get_body(("plain",)).get_content()
    assert "KEY FIGURES (Q1 FY2008 vs Q1 FY2007)" in text
    for line in (
        "- Total revenues: $11.4M vs $7.8M (Q1 FY2007), \u25b2 +47.0%",
        "- Operating expenses: $13.3M vs $14.9M (Q1 FY2007), \u25bc -10.8%",
        "- Net loss: $(1.0)M vs $(6.3)M (Q1 FY2007), \u25b2 +83.5%",
        "- Net loss per share: $(0.02) vs $(0.15) (Q1 FY2007), \u25b2 +86.7%",
        "- Cash and marketable securities: $53.6M vs $59.7M (Jun 30, 2007), \u25bc -10.2%",
    ):
        assert line in text.splitlines()
    assert "<" not in text


def test_eml_html_is_inlined_600px_and_has_no_svg(sample_eml: tuple[Path, Result]) -> None:
    from lxml import html as lxml_html

    message = read_eml(sample_eml[0] / "IMGN-2008Q1.eml")
    source = message.get_body(("html",)).get_content()
    assert "<style" not in source and "<link" not in source and "<script" not in source
    assert "svg" not in source.lower()
    assert all(p.get_content_subtype() != "svg+xml" for p in message.walk())
    tree = lxml_html.fromstring(source)
    [page] = tree.xpath("//table[contains(@class, 'page')]")
    assert page.get("width") == "600" and "max-width: 600px" in page.get("style")  # narrower on a phone
    assert all(int(w) <= 600 for w in tree.xpath("//@width") if w.isdigit())
    assert all(el.get("style") for el in tree.xpath("//h1 | //h2 | //td[contains(@class, 'tile')]"))
    assert [t.text_content().strip() for t in tree.xpath("//div[@class='tile-value']")] == [
        "$11.4M", "$13.3M", "$(1.8)M", "$(1.0)M", "$(0.02)", "$53.6M",
    ]


def test_eml_is_reproducible(sample_eml: tuple[Path, Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    again = run_cli("email", str(SAMPLE), "--eml", str(tmp_path), "--to", "analyst@example.com")
    assert again.exit_code == 0
    assert (tmp_path / "IMGN-2008Q1.eml").read_bytes() == (sample_eml[0] / "IMGN-2008Q1.eml").read_bytes()


def test_send_delivers_the_sample_with_auth_from_the_environment(
    sample_files: dict[str, bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REPORTGEN_SMTP_PASSWORD", PASSWORD)
    monkeypatch.chdir(tmp_path)
    recorder = Recorder()
    with smtp_server(recorder, password_authenticator("bot", PASSWORD)) as port:
        result = run_cli(
            "email", str(SAMPLE), "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none",
            "--user", "bot", "--from", "Briefs <briefs@example.com>", "--to", "a@example.com", "--to", "b@example.com",
        )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "IMGN-2008Q1: sent to a@example.com, b@example.com\n"
    [received] = recorder.messages
    assert (received.sender, received.recipients, received.login) == ("briefs@example.com", ["a@example.com", "b@example.com"], "bot")
    message = email.message_from_bytes(received.data, policy=policy.default)
    assert [part.get_content_type() for part in message.walk()] == PARTS
    assert message["From"] == "Briefs <briefs@example.com>" and message["Message-ID"].endswith("@example.com>")
    [pdf] = list(message.iter_attachments())
    assert pdf.get_content() == sample_files["brief.pdf"]
    pngs = [p.get_content() for p in message.walk() if p.get_content_type() == "image/png"]
    assert pngs == [sample_files["revenue.png"], sample_files["expenses.png"], sample_files["cash.png"]]


def test_send_reads_the_email_table_of_reportgen_toml(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REPORTGEN_SMTP_PASSWORD", raising=False)
    monkeypatch.chdir(tmp_path)
    recorder = Recorder()
    with smtp_server(recorder) as port:
        (tmp_path / "reportgen.toml").write_text(
            f'[email]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
            'from = "briefs@example.com"\nto = ["desk@example.com"]\n'
        )
        result = run_cli("email", str(SAMPLE), "--send")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [m.recipients for m in recorder.messages] == [["desk@example.com"]]


def test_a_persistent_451_exits_75_with_one_clean_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    recorder = Recorder(refuse_data=["451 4.3.0 Try again later"] * 10)
    with smtp_server(recorder) as port:
        (tmp_path / "reportgen.toml").write_text(
            f'[email]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nfrom = "briefs@example.com"\n'
            'to = "desk@example.com"\nattempts = 3\nbackoff = 0.05\n'
        )
        result = run_cli("email", str(SAMPLE), "--send")
    assert result.exit_code == 75
    assert result.stderr == f"reportgen: error: immunogen-2007q3-8k.txt: 127.0.0.1:{port} replied 451 4.3.0 Try again later\n"
    assert recorder.data_attempts == 3 and recorder.messages == []


def test_a_refused_recipient_exits_5(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    recorder = Recorder(refuse_rcpt={"gone@example.com": ["550 5.1.1 No such user"]})
    with smtp_server(recorder) as port:
        result = run_cli("email", str(SAMPLE), "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
                         "--security", "none", "--from", "briefs@example.com", "--to", "gone@example.com")
    assert result.exit_code == 5
    assert result.stderr == ("reportgen: error: immunogen-2007q3-8k.txt: recipients refused: "
                             "gone@example.com (550 5.1.1 No such user)\n")


def test_send_without_a_host_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("email", str(SAMPLE), "--send", "--user", "bot")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "reportgen: error: email: no SMTP host (set host in [tool.reportgen.email] or --smtp-host)",
        "reportgen: error: email: no sender (set from in [tool.reportgen.email] or --from)",
        "reportgen: error: email: no recipients (set to in [tool.reportgen.email] or --to)",
        "reportgen: error: email: user 'bot' given but REPORTGEN_SMTP_PASSWORD is not set",
    ]


def test_email_needs_eml_or_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("email", str(SAMPLE))
    assert result.exit_code == 2
    assert result.stderr == "reportgen: error: nothing to do: give --eml DIR, --send or both\n"


def test_a_hostile_company_name_stays_data_in_every_part() -> None:
    from reportgen.analysis import brief_view
    from reportgen.mail.compose import compose
    from reportgen.model import Company
    from tests.factories import immunogen_filing

    name = 'Evil <script>alert(1)</script> Corp\r\nBcc: victim@example.net\r\nX-Evil: 1'
    filing = immunogen_filing(company=Company(name, None, "IMGN", "Nasdaq"))
    message = compose(filing, brief_view(filing), {}, recipients=["analyst@example.com"])
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None and parsed["X-Evil"] is None
    assert parsed["Subject"] == "Evil <script>alert(1)</script> Corp Bcc: victim@example.net X-Evil: 1 (IMGN) \u2014 Q1 FY2008 brief"
    html = parsed.get_body(("html",)).get_content()
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert [p.get_content_type() for p in parsed.walk()] == ["multipart/alternative", "text/plain", "text/html"]


def test_send_over_starttls_with_auth_verifies_the_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))  # the system trust store, for OpenSSL
    monkeypatch.setenv("REPORTGEN_SMTP_PASSWORD", PASSWORD)
    monkeypatch.chdir(tmp_path)
    recorder = Recorder()
    with smtp_server(recorder, password_authenticator("bot", PASSWORD), server_context) as port:
        result = run_cli("email", str(SAMPLE), "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
                         "--security", "starttls", "--user", "bot", "--from", "briefs@example.com", "--to", "a@example.com")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [(m.login, m.recipients) for m in recorder.messages] == [("bot", ["a@example.com"])]


def test_a_filing_that_fails_exits_1_and_the_others_still_go_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("email", "empty.txt", str(SAMPLE), "--eml", "out")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("reportgen: error: empty.txt: ")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["IMGN-2008Q1.eml"]


def test_a_user_template_overrides_one_block_of_the_email(tmp_path: Path) -> None:
    from reportgen.analysis import brief_view
    from reportgen.mail.compose import compose
    from tests.factories import immunogen_filing

    (tmp_path / "email.html.j2").write_text(
        '{% extends "builtin/email.html.j2" %}{% block footer %}<tr><td>Desk copy: {{ view.header.company }}</td></tr>{% endblock %}'
    )
    filing = immunogen_filing()
    message = compose(filing, brief_view(filing), {}, template_dirs=[tmp_path])
    html = message.get_body(("html",)).get_content()
    assert "Desk copy: ImmunoGen, Inc." in html and "SHA-256" not in html
    assert "Key figures" in html  # the other blocks are the built-in ones
    assert "SHA-256" in message.get_body(("plain",)).get_content()  # the text template was not overridden


def test_the_email_table_of_pyproject_is_read_and_build_accepts_it(tmp_path: Path) -> None:
    from reportgen.config import load_config
    from reportgen.mail.settings import email_table

    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.reportgen]\npage_size = "a4"\n\n'
        '[tool.reportgen.email]\nhost = "smtp.example.com"\nsecurity = "ssl"\nfrom = "briefs@example.com"\nto = ["desk@example.com"]\n'
    )
    assert load_config(tmp_path).page_size == "a4"  # no "unknown key 'email'"
    table, origin = email_table(tmp_path)
    settings = smtp_settings(table, {}, origin)
    assert (settings.host, settings.port, settings.security, settings.recipients) == ("smtp.example.com", 465, "ssl", ("desk@example.com",))
    with pytest.raises(ConfigError, match=r"^pyproject.toml: email: password is never read from a file; set REPORTGEN_SMTP_PASSWORD$"):
        smtp_settings({**table, "password": "x"}, {}, origin)
