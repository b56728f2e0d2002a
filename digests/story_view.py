"""One story in full for chat: its summary, every outlet's article in time order (with what only that outlet
reports), and who said what in it."""

from __future__ import annotations

from collections.abc import Collection, Container, Mapping
from datetime import datetime, tzinfo

from bot.answer.described import article_bound
from bot.answer.plain import link_url, plain
from bot.answer.respond import readable_content, said_by_nothing
from bot.answer.role_case import story_case
from bot.answer.spokespeople import joined_group
from bot.answer.unresolved import shown_role, shown_speaker, shown_written
from bot.ingest.local_paths import names_the_file
from bot.models import Attribution, SourceRef, Story, SummarySentence
from bot.nlp.cue_forms import past_form
from bot.nlp.phrasal_cues import shown_cue
from bot.outlets import independent, original_name, outlet_count
from bot.plurals import counted
from bot.via_roles import without_via
from digests.figures_differ import DIFFER, differing_tolls
from digests.key_quote import quote_text, role_cases
from digests.revision_text import edited_lines
from digests.source_sites import NEW
from digests.terminal_text import terminal_text

MAX_SOURCES = 15
MAX_QUOTES = 6
MAX_QUOTE_CHARS = 280
MAX_EDITS = 2  # edits that matter shown per article (the latest; the rest counted)
FRONT_CUES = frozenset({"according to", "in the words of", "per"})  # written before the speaker's name


def _when(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%a %d %b %H:%M") if moment else "undated"


def _by_time(sources: tuple[SourceRef, ...]) -> list[SourceRef]:
    """Dated articles first, oldest first (an original before a copy of the same time); undated ones after
    them, as stored."""
    dated = sorted((s for s in sources if s.published), key=lambda s: (s.published or datetime.min,
                                                                        s.copy_of is not None))
    return dated + [s for s in sources if not s.published]


def _quotes(story: Story) -> list[Attribution]:
    """Named speakers and direct quotes first, one per speaker and content, at most MAX_QUOTES; a quote that
    a copy repeats is credited to the original. What no one said (a sign's words, seabirds that "call the cliffs
    home") is left out, as answers leave it out (bot/answer/respond.py)."""
    seen: set[tuple[str, str]] = set()
    out: list[Attribution] = []
    own = {s.article_id for s in independent(story.sources)}
    ranked = sorted(story.quotes, key=lambda q: (q.speaker.startswith("unnamed"), q.kind != "direct",
                                                 q.article_id not in own))
    for quote in ranked:
        if said_by_nothing(quote.speaker):
            continue
        key = (quote.speaker.casefold(), quote_text(quote).casefold()[:80])
        if key in seen or len(out) >= MAX_QUOTES:
            continue
        seen.add(key)
        out.append(quote)
    return out


def _speaker_key(quote: Attribution) -> tuple[str, str]:
    """One speaker of the story: a name, or a description tied to a named body, across its articles; a description
    naming no organisation ("company", "unnamed spokesperson") only within its article, as answers group them
    (bot/answer/described.py): two articles' "the company" may be two firms."""
    return quote.speaker.casefold(), quote.article_id if article_bound(quote.speaker) else ""


def _speakers_together(quotes: list[Attribution], bodies: Mapping[str, tuple[str, str]]) -> list[Attribution]:
    """The quotes in their order with each speaker's lines together (``_speaker_key``), where the speaker first
    comes ("the national weather office" said one thing, then another further down: both lines at the first); a
    spokesperson's lines with those of the body in ``bodies`` they speak for."""
    def key(quote: Attribution) -> tuple[str, str]:
        return (bodies[quote.speaker][0].casefold(), "") if quote.speaker in bodies else _speaker_key(quote)
    first: dict[tuple[str, str], int] = {}
    for i, quote in enumerate(quotes):
        first.setdefault(key(quote), i)
    return sorted(quotes, key=lambda q: first[key(q)])


def _who(quote: Attribution) -> str:
    """The speaker as a line shows it: "the city asked": a lower-case description reads as the text wrote it; an
    unresolved pronoun ("It") is no name and an unnamed description reads as running text ("unnamed officials"):
    the label answers and key quotes show (bot/answer/unresolved.py)."""
    return shown_speaker(quote.speaker) if (
        quote.speaker[:1].isupper() or quote.speaker.startswith("unnamed") or shown_speaker(quote.speaker)
        != quote.speaker) else shown_written(quote.speaker_as_written or quote.speaker)


def _attributed(cue: str, who: str) -> str:
    """``*Ines Vartan* said``; a cue that goes before the name reads so: ``according to *Tomas Reiner*``."""
    return f"{cue} {who}" if cue.lower() in FRONT_CUES else f"{who} {cue}"


def story_files(story: Story) -> tuple[str, ...]:
    """The local file names the story view shows as text (a source read from a file, with no link), each once."""
    return tuple(dict.fromkeys(s.file for s in story.sources if s.file and not link_url(s.url)))


def render_story(story: Story, *, tz: tzinfo, additions: Mapping[str, SummarySentence] | None = None,
                 proper: Mapping[str, Container[str]] | None = None, new: Collection[str] = ()) -> str:
    """Markdown-ish text: headline and id, coverage span, summary, timeline of articles (each with what only that
    outlet reports, when ``additions`` has it: bot.story_loader.story_additions, and its edits that matter,
    ``Story.revisions``), quotes, each role with a sentence-start capital in lower case unless its article writes
    the word as a name (``proper``, by article id: bot/answer/role_case.py ``quote_names``; an article not in it as
    the story's own words write it: ``story_case``). Outlets are counted as bot/outlets.py counts them, and an
    article that repeats another's text says so (and nothing "only here"). An article in ``new`` (ids: the reports
    of a story the channel was shown that it has not seen) has its outlet marked "(new)", as a follow-up's links
    are. What the articles say (headline, summary, outlets, titles, edits, quotes, speakers) is escaped as text
    (bot/answer/plain.py), so it makes no link, bold or mention."""
    outlets = outlet_count(story.sources)
    copies = len(story.sources) - len(independent(story.sources))
    copied = f", {counted(copies, 'republished copy', 'republished copies')}" if copies else ""
    dates = [s.published for s in story.sources if s.published]
    span = (f", first reported {_when(min(dates), tz)}, latest {_when(max(dates), tz)}" if dates else "")
    lines = [f"*{plain(story.headline)}* (`{story.id}`): {counted(outlets, 'outlet')}{copied}{span}"]
    if differ := differing_tolls(story.sources, story.summary):  # the headline's figure is one outlet's
        lines.append(f"{DIFFER} {plain(differ)}")
    if story.summary:
        lines.append("Summary:")
        lines += [f"> {plain(s.text)}" for s in story.summary]
    names = {s.article_id: plain(s.name) for s in story.sources}
    ordered = _by_time(story.sources)
    lines.append("Coverage:")
    for source in ordered[:MAX_SOURCES]:
        url = link_url(source.url)
        own_file = not url and bool(source.file) and names_the_file(source.name, source.file)  # shown once
        link = f" <{url}>" if url else f" (file {plain(source.file)})" if source.file and not own_file else ""
        original = original_name(source, story.sources)
        outlet = f"file {source.file}" if own_file else source.name or "unknown outlet"
        mark = f" {NEW}" if source.article_id in new else ""
        name = plain(outlet) + mark + (f" — same text as {plain(original)}" if original else "")
        lines.append(f"• {_when(source.published, tz)}: {name}, “{plain(source.title)}”{link}")
        added = (additions or {}).get(source.article_id)
        if added is not None and not original:  # what a copy adds to the text it repeats is its wrapping
            lines.append(f"   only here: {plain(added.text)}")
        edits = [n for n in story.revisions if n.article_id == source.article_id]
        lines += [f"   {plain(line)}" for line in edited_lines(edits, tz, MAX_EDITS)]
    if len(ordered) > MAX_SOURCES:
        unseen = sum(1 for s in ordered[MAX_SOURCES:] if s.article_id in new)
        lines.append(f"… and {len(ordered) - MAX_SOURCES} more articles" + (f" ({unseen} new)" if unseen else ""))
    quotes = _quotes(story)
    if quotes:
        lines.append("Who said what:")
    # a speaker's role as any article of the story gives it, shown on each of their lines (one outlet writes
    # "Mayor Elena Vasquez", another only "Vasquez"); a description's only on its own article's (``_speaker_key``)
    roles: dict[tuple[str, str], str] = {}
    known = story_case(story)
    cases = {q.article_id: (proper or {}).get(q.article_id, known) for q in quotes}
    variants = role_cases(quotes)  # "Opposition leader" as another article wrote it mid-sentence: one case
    for quote in quotes:
        if role := without_via(quote.role):  # a route ("via Valmont Post") stays on the line it came with
            roles.setdefault(_speaker_key(quote),
                             shown_role(variants.get(role.casefold(), role), cases[quote.article_id]))
    # an unnamed spokesperson for a body the story quotes under its own name is shown as that body's, marked
    # "(spokesperson)" (bot/answer/spokespeople.py)
    own = {quote.speaker: quote for quote in quotes}
    bodies = {q.speaker: body for q in quotes if (body := joined_group(q.speaker, own)) is not None}
    for quote in _speakers_together(quotes, bodies):
        # a phrasal cue with the particle heading the words ("called for") or kept between the cue and the words
        # ("pointed to"), as answers and key quotes show it (digests/key_quote.py shown_said)
        cue, content = (quote.cue, quote.content) if quote.kind == "direct" else shown_cue(
            quote.cue, quote.content, particle=quote.cue_particle)
        said = quote_text(quote) if quote.kind == "direct" else readable_content(content)
        said = said if len(said) <= MAX_QUOTE_CHARS else said[:MAX_QUOTE_CHARS] + "…"
        body = bodies.get(quote.speaker)
        role = (body[1] if body else shown_role(variants.get(quote.role.casefold(), quote.role),
                                                 cases[quote.article_id]) if quote.role
                else roles.get(_speaker_key(quote)))
        role = f" ({plain(role)})" if role else ""
        shown = f"“{plain(said)}”" if quote.kind == "direct" else plain(said)
        who = _who(own[body[0]] if body else quote)
        # a participle cue as a verb ("adding" -> "added", bot/nlp/cue_forms.py), as key quotes show it
        lines.append(f"• {_attributed(plain(past_form(cue)), f'*{plain(who)}*{role}')}: {shown} "
                     f"({names.get(quote.article_id, 'unknown')})")
    return "\n".join(lines)


def render_story_text(story: Story, *, tz: tzinfo, additions: Mapping[str, SummarySentence] | None = None,
                      proper: Mapping[str, Container[str]] | None = None) -> str:
    """``render_story`` as plain text for a terminal (``briefbot demo``, the console): no chat bold or code marks,
    article text as written."""
    return terminal_text(render_story(story, tz=tz, additions=additions, proper=proper))
