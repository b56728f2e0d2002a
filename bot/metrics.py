"""The readiness report and the chat commands' counts as Prometheus text (``GET /metrics``): no URLs, secrets or
message text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from bot.command_stats import CommandCounts
from bot.store.run_lock import LOCK_STATES

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
ADAPTER_STATES = ("ready", "degraded", "not_ready", "closed", "unknown")


def _seconds(iso: object) -> float | None:
    """A report's ISO time as Unix seconds; None when absent."""
    return datetime.fromisoformat(iso).timestamp() if isinstance(iso, str) else None


def _label(value: str) -> str:
    """A label value escaped as the exposition format asks (backslash, double quote, newline)."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    """Whole numbers without a fraction (timestamps keep every digit), others as Python writes them."""
    return str(int(value)) if value.is_integer() else repr(value)


def _gauge(name: str, help_text: str, samples: list[tuple[str, float]]) -> Iterator[str]:
    yield f"# HELP {name} {help_text}"
    yield f"# TYPE {name} gauge"
    for labels, value in samples:
        yield f"{name}{labels} {_number(value)}"


def outage_lines(outage: Mapping[str, Any]) -> Iterator[str]:
    """The store outage the scheduler's jobs are seeing: whether one is under way, its failures, when it began."""
    yield from _gauge("briefbot_store_outage", "1 while the scheduler's jobs find the store unreachable (until a job "
                      "reaches it again)", [("", float(bool(outage["active"])))])
    yield from _gauge("briefbot_store_outage_failures", "jobs that failed on the store in the outage under way",
                      [("", float(outage["failures"]))])
    since = _seconds(outage.get("since"))
    if since is not None:
        yield from _gauge("briefbot_store_outage_since_timestamp_seconds", "when the store outage under way began",
                          [("", since)])


def run_lock_lines(lock: Mapping[str, Any]) -> Iterator[str]:
    """The store's run lock: held or not, its state, when it was found lost, how often it was taken again."""
    yield from _gauge("briefbot_run_lock_held", "1 while this run holds the store's run lock",
                      [("", float(bool(lock["held"])))])
    yield from _gauge("briefbot_run_lock_state", "1 for the run lock's current state",
                      [(f'{{state="{state}"}}', float(state == lock["state"])) for state in LOCK_STATES])
    lost = _seconds(lock.get("lost_at"))
    if lost is not None:
        yield from _gauge("briefbot_run_lock_lost_timestamp_seconds", "when this run found its run lock lost",
                          [("", lost)])
    yield "# HELP briefbot_run_lock_retaken_total times the run lock was taken again after a dropped connection"
    yield "# TYPE briefbot_run_lock_retaken_total counter"
    yield f"briefbot_run_lock_retaken_total {int(lock['retaken'])}"


def command_lines(counts: CommandCounts) -> Iterator[str]:
    """A counter of answers per verb and outcome and a latency histogram per verb; only what happened is shown.
    With the guard's load, two gauges first: heavy commands running and waiting now."""
    if counts.load is not None:
        running, waiting = counts.load
        yield from _gauge("briefbot_commands_running", "heavy chat commands running now", [("", float(running))])
        yield from _gauge("briefbot_commands_waiting", "heavy chat commands waiting for a slot now",
                          [("", float(waiting))])
    yield "# HELP briefbot_commands_total chat commands answered, by verb and outcome (ok, error, failed, busy)"
    yield "# TYPE briefbot_commands_total counter"
    for (verb, outcome), n in counts.answers.items():
        yield f'briefbot_commands_total{{verb="{_label(verb)}",outcome="{_label(outcome)}"}} {n}'
    yield "# HELP briefbot_command_seconds time from a chat command's arrival to its answer, waiting included"
    yield "# TYPE briefbot_command_seconds histogram"
    for verb, latency in counts.latency.items():
        label = f'verb="{_label(verb)}"'
        for bound, n in latency.buckets:
            yield f'briefbot_command_seconds_bucket{{{label},le="{_number(bound)}"}} {n}'
        yield f'briefbot_command_seconds_bucket{{{label},le="+Inf"}} {latency.count}'
        yield f"briefbot_command_seconds_sum{{{label}}} {_number(latency.total_seconds)}"
        yield f"briefbot_command_seconds_count{{{label}}} {latency.count}"


def prometheus_text(ready: bool, report: Mapping[str, Any], commands: CommandCounts | None = None) -> str:
    """Gauges from HealthCheck.readiness (the store outage and run lock when it reports them); a time never reached
    (no poll yet, no outage) is left out, not written as 0.
    With ``commands``, the chat commands' counter and latency histogram follow."""
    lines: list[str] = []

    def gauge(name: str, help_text: str, value: float | None, labels: str = "") -> None:
        if value is not None:
            lines.extend(_gauge(name, help_text, [(labels, value)]))

    gauge("briefbot_ready", "1 when /readyz says ready (200), else 0", float(ready))
    gauge("briefbot_store_ok", "1 when the store answered within the probe timeout",
          float(bool(report.get("store", {}).get("ok"))))
    if report.get("store_outage") is not None:
        lines.extend(outage_lines(report["store_outage"]))
    if report.get("run_lock") is not None:
        lines.extend(run_lock_lines(report["run_lock"]))
    gauge("briefbot_scheduler_running", "1 while the scheduler runs",
          float(bool(report.get("scheduler", {}).get("running"))))
    poll = report.get("poll") or {}
    gauge("briefbot_last_poll_ok_timestamp_seconds", "when the last polling round finished without an error",
          _seconds(poll.get("last_ok_at")))
    error = poll.get("last_error") or {}
    gauge("briefbot_last_poll_error_timestamp_seconds", "when a polling round last failed", _seconds(error.get("at")))
    sources = report.get("sources")
    if sources is not None:
        gauge("briefbot_sources", "sources known to the store", float(sources["total"]))
        gauge("briefbot_sources_failing", "sources failing now, still polled", float(sources["failing"]))
        gauge("briefbot_sources_disabled", "sources given up on after repeated failures", float(sources["disabled"]))
        gauge("briefbot_last_source_ok_timestamp_seconds", "the newest successful fetch of any source",
              _seconds(sources.get("last_ok_at")))
    channels = report.get("channels")
    if channels is not None:
        gauge("briefbot_channels", "channels with a set-up", float(channels["total"]))
        gauge("briefbot_channels_with_errors", "channels whose last delivery left an error or waits to retry",
              float(len(channels["with_errors"])))
    deliveries = report.get("deliveries")
    if deliveries is not None:
        gauge("briefbot_deliveries_retrying", "briefings that failed for now and wait for their retry time",
              float(deliveries["retrying"]))
    upcoming = report.get("next_briefing") or {}
    gauge("briefbot_next_briefing_timestamp_seconds", "when the next scheduled briefing is due",
          _seconds(upcoming.get("at")))
    adapters: Mapping[str, str] = report.get("adapters") or {}
    if adapters:
        lines.extend(_gauge("briefbot_adapter_state", "1 for each chat adapter's current state",
                            [(f'{{adapter="{_label(name)}",state="{state}"}}', float(state == current))
                             for name, current in sorted(adapters.items()) for state in ADAPTER_STATES]))
    if commands is not None:
        lines.extend(command_lines(commands))
    return "\n".join(lines) + "\n"
