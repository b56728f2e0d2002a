"""Render a Briefing as plain text (terminal, console adapter) or Markdown."""

from __future__ import annotations

import re

from bot.models import Briefing, SourceRef, Story
from bot.outlets import REPUBLISHED, original_name, source_groups
from digests.key_quote import is_quotation, key_quote, quote_text, reported_line, reported_words
from digests.length import as_shown, outlets_label
from digests.revision_text import UPDATED, updated_lines
from digests.url_text import markdown_url

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _when(briefing: Briefing) -> str:
    return briefing.generated.strftime("%Y-%m-%d %H:%M %Z").strip()


def render_text(briefing: Briefing) -> str:
    """Full: each story's summary, key quote, sources, then their links one per line; short and headlines (a
    channel's length, digests/length.py): the sources with their links on one line."""
    briefing = as_shown(briefing)
    lines = [f"{briefing.title} — {_when(briefing)}", ""]
    if not briefing.items:
        lines.append("No new stories.")
    for n, item in enumerate(briefing.items, 1):
        story = item.story
        count = f" ({outlets_label(story)})" if briefing.length == "headlines" else ""
        lines.append(f"{n}. {story.headline}{count}")
        for line in story.summary:
            lines.append(f"   {line.text}")
        if item.new_since:
            lines.append("   New since you last saw it: " + " ".join(s.text for s in item.new_since))
        lines += [f"   {UPDATED} {line}" for line in updated_lines(item)]
        quote = key_quote(story)
        if quote and is_quotation(quote):
            lines.append(f"   “{quote_text(quote)}” — {quote.speaker}")
        elif quote:  # reported speech: the writer's words, so no quotation marks
            lines.append(f"   {reported_line(quote.cue, quote.speaker, reported_words(quote))}")
        if briefing.length != "full":
            if story.sources:
                lines.append(f"   Sources: {_sources_line(story)}")
        else:
            names = ", ".join(dict.fromkeys(_credit(own, [c.name for c in copies])
                                            for own, copies in source_groups(story.sources)))
            lines.append(f"   Sources: {names}")
            for ref in story.sources:
                if ref.url:
                    original = original_name(ref, story.sources)
                    lines.append(f"     {ref.name}{f' (copy of {original})' if original else ''}: {ref.url}")
        if item.why:
            lines.append(f"   ({item.why})")
        lines.append("")
    if briefing.more:
        lines.append(f"…and {len(briefing.more)} more:")
        lines.extend(f"   - {i.story.headline}" for i in briefing.more)
    return "\n".join(lines).rstrip() + "\n"


def _linked(ref: SourceRef) -> str:
    return f"{ref.name} <{ref.url}>" if ref.url else ref.name


def _sources_line(story: Story) -> str:
    """Every source with its link on one line, a copy beside its original:
    "Coast Wire <https://...> (republished by Harbour Times <https://...>) · Valley Post <https://...>"."""
    return " · ".join(dict.fromkeys(  # two articles of one outlet without links are one entry
        _linked(own) + (f" ({REPUBLISHED} {', '.join(_linked(c) for c in copies)})" if copies else "")
        for own, copies in source_groups(story.sources)))


def _credit(own: SourceRef, copies: list[str]) -> str:
    """An outlet with the outlets that republish its text: "Coast Wire (republished by Harbour Times)"."""
    return own.name + (f" ({REPUBLISHED} {', '.join(dict.fromkeys(copies))})" if copies else "")


def md_link(url: str, label: str) -> str:
    """``[label](url)`` with the label escaped and the URL percent-encoded (digests/url_text.py); the label alone
    when the URL is empty or not http(s)."""
    safe = markdown_url(url)
    return f"[{md_escape(label)}]({safe})" if safe else md_escape(label)


def _md_ref(ref: SourceRef) -> str:
    return md_link(ref.url, ref.name)


def md_escape(text: str) -> str:
    """Escape Markdown syntax in untrusted text so it shows as written."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(briefing: Briefing) -> str:
    """As ``render_text``, in Markdown; a headlines briefing gives each headline its outlet count."""
    briefing = as_shown(briefing)
    lines = [f"# {md_escape(briefing.title)}", f"_{_when(briefing)}_", ""]
    if not briefing.items:
        lines.append("No new stories.")
    for item in briefing.items:
        story = item.story
        count = f" ({outlets_label(story)})" if briefing.length == "headlines" else ""
        lines.append(f"## {md_link(story.url, story.headline)}{count}")
        lines.extend(f"- {md_escape(s.text)}" for s in story.summary)
        if item.new_since:
            lines.append("- _New since you last saw it:_ " + md_escape(" ".join(s.text for s in item.new_since)))
        lines += [f"- _{UPDATED}_ {md_escape(line)}" for line in updated_lines(item)]
        quote = key_quote(story)
        if quote and is_quotation(quote):
            lines.append(f"\n> “{md_escape(quote_text(quote))}” — **{md_escape(quote.speaker)}**")
        elif quote:
            said = reported_line(md_escape(quote.cue), f"**{md_escape(quote.speaker)}**",
                                 md_escape(reported_words(quote)))
            lines.append(f"\n> {said}")
        refs = [_md_ref(own) + (f" ({REPUBLISHED} {', '.join(_md_ref(c) for c in copies)})" if copies else "")
                for own, copies in source_groups(story.sources)]
        lines.append(f"\nSources: {', '.join(dict.fromkeys(refs))}")  # one outlet's unlinked articles: one entry
        if item.why:
            lines.append(f"\n_{md_escape(item.why)}_")
        lines.append("")
    if briefing.more:
        lines.append(f"**…and {len(briefing.more)} more:**")
        lines.extend(f"- {md_escape(i.story.headline)}" for i in briefing.more)
    return "\n".join(lines).rstrip() + "\n"
