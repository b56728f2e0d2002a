"""One story in full for chat: its summary, every outlet's article in time order (with what only that outlet
reports), and who said what in it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from bot.answer.respond import readable_content
from bot.models import Attribution, SourceRef, Story, SummarySentence
from digests.key_quote import quote_text

MAX_SOURCES = 15
MAX_QUOTES = 6
MAX_QUOTE_CHARS = 280


def _when(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%a %d %b %H:%M") if moment else "undated"


def _by_time(sources: tuple[SourceRef, ...]) -> list[SourceRef]:
    """Dated articles first, oldest first; undated ones after them, as stored."""
    dated = sorted((s for s in sources if s.published), key=lambda s: s.published or datetime.min)
    return dated + [s for s in sources if not s.published]


def _quotes(story: Story) -> list[Attribution]:
    """Named speakers and direct quotes first, one per speaker and content, at most MAX_QUOTES."""
    seen: set[tuple[str, str]] = set()
    out: list[Attribution] = []
    ranked = sorted(story.quotes, key=lambda q: (q.speaker.startswith("unnamed"), q.kind != "direct"))
    for quote in ranked:
        key = (quote.speaker.casefold(), quote_text(quote).casefold()[:80])
        if key in seen or len(out) >= MAX_QUOTES:
            continue
        seen.add(key)
        out.append(quote)
    return out


def render_story(story: Story, *, tz: tzinfo, additions: Mapping[str, SummarySentence] | None = None) -> str:
    """Markdown-ish text: headline and id, coverage span, summary, timeline of articles (each with what only that
    outlet reports, when ``additions`` has it: bot.story_loader.story_additions), quotes."""
    outlets = {s.name for s in story.sources if s.name}
    dates = [s.published for s in story.sources if s.published]
    span = (f", first reported {_when(min(dates), tz)}, latest {_when(max(dates), tz)}" if dates else "")
    lines = [f"*{story.headline}* (`{story.id}`): {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}{span}"]
    if story.summary:
        lines.append("Summary:")
        lines += [f"> {s.text}" for s in story.summary]
    names = {s.article_id: s.name for s in story.sources}
    ordered = _by_time(story.sources)
    lines.append("Coverage:")
    for source in ordered[:MAX_SOURCES]:
        link = f" <{source.url}>" if source.url else ""
        lines.append(f"• {_when(source.published, tz)}: {source.name or 'unknown outlet'}, “{source.title}”{link}")
        added = (additions or {}).get(source.article_id)
        if added is not None:
            lines.append(f"   only here: {added.text}")
    if len(ordered) > MAX_SOURCES:
        lines.append(f"… and {len(ordered) - MAX_SOURCES} more articles")
    quotes = _quotes(story)
    if quotes:
        lines.append("Who said what:")
    for quote in quotes:
        said = quote_text(quote) if quote.kind == "direct" else readable_content(quote.content)
        said = said if len(said) <= MAX_QUOTE_CHARS else said[:MAX_QUOTE_CHARS] + "…"
        role = f" ({quote.role})" if quote.role else ""
        shown = f"“{said}”" if quote.kind == "direct" else said
        # "the city asked": a lower-case description reads as the text wrote it
        who = quote.speaker if quote.speaker[:1].isupper() or quote.speaker.startswith("unnamed") else (
            quote.speaker_as_written or quote.speaker)
        lines.append(f"• *{who}*{role} {quote.cue}: {shown} ({names.get(quote.article_id, 'unknown')})")
    return "\n".join(lines)
