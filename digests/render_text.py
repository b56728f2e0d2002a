"""Render a Briefing as plain text (terminal, console adapter) or Markdown."""

from __future__ import annotations

import re

from bot.ingest.local_paths import names_the_file
from bot.models import Briefing, Story
from bot.outlets import REPUBLISHED, original_name
from digests.figures_differ import DIFFER, shown_tolls
from digests.key_quote import is_quotation, item_quote, quote_text, reported_line, shown_said
from digests.length import as_shown, outlets_label
from digests.revision_text import UPDATED, updated_lines
from digests.source_sites import (
    NEW,
    SiteSources,
    file_label,
    linked,
    new_first,
    only_its_file,
    shown_names,
    site_sources,
)
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
        if briefing.length != "headlines" and (differ := shown_tolls(item)):
            lines.append(f"   {DIFFER} {differ}")  # one outlet's figure in the headline is no fact
        for line in story.summary:
            lines.append(f"   {line.text}")
        if item.new_since:
            first, *rest = item.new_since  # one per line, as the summary lines
            lines.append(f"   New since you last saw it: {first.text}")
            lines += [f"   {s.text}" for s in rest]
        lines += [f"   {UPDATED} {line}" for line in updated_lines(item)]
        quote = item_quote(item)
        role = f" ({quote.role})" if quote and quote.role else ""  # as Discord credits the speaker
        if quote and is_quotation(quote):
            lines.append(f"   “{quote_text(quote)}” — {quote.speaker}{role}")
        elif quote:  # reported speech: the writer's words, so no quotation marks; "called for" as answers show it
            cue, said = shown_said(quote)
            lines.append(f"   {reported_line(cue, quote.speaker + role, said)}")
        if briefing.length != "full":
            if story.sources:
                lines.append(f"   Sources: {_sources_line(story, item.new)}")
        else:
            lines.append(f"   Sources: {', '.join(_credit(site) for site in site_sources(story.sources))}")
            shown = shown_names(story.sources)  # one site's articles all under its best name
            for ref in new_first(story.sources, item.new):  # a follow-up's new reports first, marked
                if ref.url:
                    original = (found := original_name(ref, story.sources)) and (shown[ref.copy_of or ""] or found)
                    mark = f" {NEW}" if ref.article_id in item.new else ""
                    lines.append(f"     {shown[ref.article_id]}{mark}{f' (copy of {original})' if original else ''}: "
                                 f"{ref.url}")
                elif ref.file:  # a local file's name, no link and no folder; once if it is the outlet's name
                    name = shown[ref.article_id]
                    lines.append(f"     file {ref.file}" if names_the_file(name, ref.file) else
                                 f"     {name}: file {ref.file}")
        if item.why:
            lines.append(f"   ({item.why})")
        lines.append("")
    if briefing.more:
        lines.append(f"…and {len(briefing.more)} more:")
        lines.extend(f"   - {i.story.headline}{f' <{i.story.url}>' if i.story.url else ''}" for i in briefing.more)
    return "\n".join(lines).rstrip() + "\n"


def _linked(site: SiteSources) -> str:
    if only_its_file(site):
        return f"file {site.files[0]}"
    return " ".join([site.name, *(f"<{u}>" + (f" {NEW}" if u in site.new_urls else "") for u in site.urls),
                     *([file_label(site.files)] if site.files else [])])


def _sources_line(story: Story, new: tuple[str, ...] = ()) -> str:
    """Every site once with all its links on one line, a copy beside its original:
    "Coast Wire <https://...> (republished by Harbour Times <https://...>) · Valley Post <https://...> <https://...>"."""
    return " · ".join(_linked(site) + (f" ({REPUBLISHED} {', '.join(_linked(c) for c in site.copies)})"
                                       if site.copies else "")
                      for site in site_sources(story.sources, new))


def _credit(site: SiteSources) -> str:
    """A site with the sites that republish its text: "Coast Wire (republished by Harbour Times)"."""
    return site.name + (f" ({REPUBLISHED} {', '.join(c.name for c in site.copies)})" if site.copies else "")


def md_link(url: str, label: str) -> str:
    """``[label](url)`` with the label escaped and the URL percent-encoded (digests/url_text.py); the label alone
    when the URL is empty or not http(s)."""
    safe = markdown_url(url)
    return f"[{md_escape(label)}]({safe})" if safe else md_escape(label)


def _md_ref(site: SiteSources) -> str:
    return linked(site, md_link)


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
        if briefing.length != "headlines" and (differ := shown_tolls(item)):
            lines.append(f"- _{DIFFER}_ {md_escape(differ)}")
        lines.extend(f"- {md_escape(s.text)}" for s in story.summary)
        if item.new_since:
            first, *rest = item.new_since
            lines.append(f"- _New since you last saw it:_ {md_escape(first.text)}")
            lines += [f"- {md_escape(s.text)}" for s in rest]
        lines += [f"- _{UPDATED}_ {md_escape(line)}" for line in updated_lines(item)]
        quote = item_quote(item)
        role = f" ({md_escape(quote.role)})" if quote and quote.role else ""
        if quote and is_quotation(quote):
            lines.append(f"\n> “{md_escape(quote_text(quote))}” — **{md_escape(quote.speaker)}**{role}")
        elif quote:
            cue, words = shown_said(quote)
            said = reported_line(md_escape(cue), f"**{md_escape(quote.speaker)}**{role}", md_escape(words))
            lines.append(f"\n> {said}")
        refs = [_md_ref(site) + (f" ({REPUBLISHED} {', '.join(_md_ref(c) for c in site.copies)})"
                                 if site.copies else "")
                for site in site_sources(story.sources, item.new)]  # one site once, with every link it has
        lines.append(f"\nSources: {', '.join(refs)}")
        if item.why:
            lines.append(f"\n_{md_escape(item.why)}_")
        lines.append("")
    if briefing.more:
        lines.append(f"**…and {len(briefing.more)} more:**")
        lines.extend(f"- {md_link(i.story.url, i.story.headline)}" for i in briefing.more)
    return "\n".join(lines).rstrip() + "\n"
