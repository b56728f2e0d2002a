"""One rule for a source's first read, alike in `briefbot ingest`/`sources add` (bot/pipeline.py) and chat's `sources
add` (bot/ingest/discover.py): a failure that will be the same next time is refused and nothing is kept; a passing
one (5xx, 408, 429, no answer) is kept as a source that polling retries, with a warning naming it."""

from __future__ import annotations

from bot.ingest.fetch import FetchError
from bot.ingest.full_text import passing_failure
from bot.ingest.sources import SourceResult

# Permanent (refused, nothing stored): 404, 410 and every other 4xx but 408 and 429; a body that is no feed, page or
# JSON holding articles; a page with no article text; binary data; a body over ingest.max_bytes; a redirect loop; a
# scheme or address the guard refuses; a feed none of whose entries can be read.
# Transient (kept, retried): 5xx, 408, 429, a timeout, a connection refused or reset, a body cut short (the connection
# closed or stalled mid-body), a name that does not resolve.
REFUSED = "not added as a source"
RETRIED = "added as a source all the same: polling retries it, and `briefbot sources` shows it failing until it answers"


def transient_fetch(exc: FetchError) -> bool:
    """Whether a fetch that failed may work later (full_text.passing_failure: one list of passing failures)."""
    return passing_failure(exc)


def transient_result(result: SourceResult) -> bool:
    """Whether a URL's failed read failed only for now: its fetch failed for a passing reason. A body that was read
    and then could not be used (a broken feed, no article text, binary data) is never transient."""
    if not result.error or "://" not in result.source:
        return False
    reason = result.error.removeprefix(f"{result.source}: ")
    return transient_fetch(FetchError(result.source, reason, status=result.status))


def first_read_line(result: SourceResult) -> str:
    """The report line of a new source whose first read failed: ``warn`` when it is kept (transient), else
    ``error`` and not added."""
    reason = (result.error or "").removeprefix(f"{result.source}: ")
    if transient_result(result):
        return f"warn     {result.source}: {reason} ({RETRIED})"
    return f"error    {result.source}: {reason} ({REFUSED})"
