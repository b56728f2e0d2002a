"""Render a Briefing as plain text (terminal, console adapter) or Markdown."""

from __future__ import annotations

import re

from bot.models import Briefing, SourceRef
from bot.outlets import REPUBLISHED, original_name, source_groups
from digests.key_quote import key_quote, quote_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _when(briefing: Briefing) -> str:
    return briefing.generated.strftime("%Y-%m-%d %H:%M %Z").strip()


def render_text(briefing: Briefing) -> str:
    lines = [f"{briefing.title} — {_when(briefing)}", ""]
    if not briefing.items:
        lines.append("No new stories.")
    for n, item in enumerate(briefing.items, 1):
        story = item.story
        lines.append(f"{n}. {story.headline}")
        for line in story.summary:
            lines.append(f"   {line.text}")
        if item.new_since:
            lines.append("   New since you last saw it: " + " ".join(s.text for s in item.new_since))
        quote = key_quote(story)
        if quote:
            lines.append(f"   “{quote_text(quote)}” — {quote.speaker}")
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


def _credit(own: SourceRef, copies: list[str]) -> str:
    """An outlet with the outlets that republish its text: "Coast Wire (republished by Harbour Times)"."""
    return own.name + (f" ({REPUBLISHED} {', '.join(dict.fromkeys(copies))})" if copies else "")


def _md_ref(ref: SourceRef) -> str:
    return f"[{md_escape(ref.name)}]({ref.url})" if ref.url else md_escape(ref.name)


def md_escape(text: str) -> str:
    """Escape Markdown syntax in untrusted text so it shows as written."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(briefing: Briefing) -> str:
    lines = [f"# {md_escape(briefing.title)}", f"_{_when(briefing)}_", ""]
    if not briefing.items:
        lines.append("No new stories.")
    for item in briefing.items:
        story = item.story
        head = md_escape(story.headline)
        lines.append(f"## [{head}]({story.url})" if story.url else f"## {head}")
        lines.extend(f"- {md_escape(s.text)}" for s in story.summary)
        if item.new_since:
            lines.append("- _New since you last saw it:_ " + md_escape(" ".join(s.text for s in item.new_since)))
        quote = key_quote(story)
        if quote:
            lines.append(f"\n> “{md_escape(quote_text(quote))}” — **{md_escape(quote.speaker)}**")
        refs = [_md_ref(own) + (f" ({REPUBLISHED} {', '.join(_md_ref(c) for c in copies)})" if copies else "")
                for own, copies in source_groups(story.sources)]
        lines.append(f"\nSources: {', '.join(refs)}")
        if item.why:
            lines.append(f"\n_{md_escape(item.why)}_")
        lines.append("")
    if briefing.more:
        lines.append(f"**…and {len(briefing.more)} more:**")
        lines.extend(f"- {md_escape(i.story.headline)}" for i in briefing.more)
    return "\n".join(lines).rstrip() + "\n"
