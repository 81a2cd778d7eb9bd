"""Typed exceptions: the library raises these, the CLI turns them into one clean line."""

from __future__ import annotations


class ReportgenError(Exception):
    """Base of every error reportgen raises on purpose."""

    exit_code = 1


class InputError(ReportgenError):
    """A filing that cannot be read: empty, binary, not a filing, no statements."""

    exit_code = 2

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ConfigError(ReportgenError):
    """Invalid configuration; carries every problem found, not just the first."""

    exit_code = 3

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class RenderError(ReportgenError):
    """A brief that could not be rendered (template, chart or PDF stage)."""

    exit_code = 4


class DeliveryError(ReportgenError):
    """An email that could not be delivered."""

    exit_code = 5


class TemporaryDeliveryError(DeliveryError):
    """An SMTP failure worth retrying later (4xx reply, connection refused)."""

    exit_code = 75  # EX_TEMPFAIL
