"""One check's outcome (ok, warn, fail or skip, with what was checked and why), and the seam platform checks fill."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Status = Literal["ok", "warn", "fail", "skip"]  # skip: not checked this time (--offline), neither fine nor a warning


@dataclass(frozen=True)
class CheckResult:
    """What one check found. ``detail`` says what was seen; for a failure, the reason and what to do."""

    check: str  # the thing checked: "config", "channels[0] slack:C0123", "store", "slack auth", "source URL"
    status: Status
    detail: str

    def as_json(self) -> dict[str, str]:
        return {"check": self.check, "status": self.status, "detail": self.detail}

    def line(self) -> str:
        """One line of text, whatever the detail holds."""
        detail = " ".join(self.detail.split())
        return f"{self.status:<4}  {self.check}: {detail}"


def ok(check: str, detail: str) -> CheckResult:
    return CheckResult(check, "ok", detail)


def warn(check: str, detail: str) -> CheckResult:
    return CheckResult(check, "warn", detail)


def fail(check: str, detail: str) -> CheckResult:
    return CheckResult(check, "fail", detail)


def skip(check: str, detail: str) -> CheckResult:
    return CheckResult(check, "skip", detail)


class PlatformCheck(Protocol):
    """A chat platform's checks, provided by its adapter package; nothing here may change anything there."""

    name: str  # "slack", "discord"

    def settings(self) -> list[CheckResult]:
        """What can be told without the network: the variables and settings the platform needs."""
        ...

    async def connect(self) -> list[CheckResult]:
        """Ask the platform, read-only: the token answers, the app has what it needs. Never posts or registers."""
        ...
