"""Answer a parsed question from the quote store: grouped by canonical speaker, each quote with its source."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from bot.answer.cue_particles import with_particles
from bot.answer.described import article_bound
from bot.answer.links import bare_links, source_link
from bot.answer.named import names_speaker
from bot.answer.plain import echoed, echoed_code, echoed_in, link_url, plain, unescaped
from bot.answer.question import HELP, Question, QuestionKind, parse_question
from bot.answer.repeats import said_once
from bot.answer.reported import readable_content as readable_content  # also read from here (digests/story_view.py)
from bot.answer.role_case import role_names
from bot.answer.scope import found_in_scope
from bot.answer.spokespeople import joined_group, spoken_for
from bot.answer.tied import tied_to
from bot.answer.unresolved import shown_role, shown_speaker, shown_written, unresolved
from bot.answer.when import NoBriefingYet, WhenError, parse_when
from bot.commands.topic_input import CommonTopic, MentionTopic, refuse_common, refuse_mention
from bot.ingest.local_paths import names_the_file
from bot.nlp.cue_forms import past_form
from bot.plurals import counted
from bot.store.articles import ArticleStore, query_terms
from bot.store.quotes import QuoteHit, QuoteStore, described, holds_name
from bot.store.speaker_names import name_parts
from bot.store.speaker_roles import ARTICLES, RoleHolders, speakers_for_body, speakers_in_role, typed_name
from bot.text_cut import clipped
from bot.via_roles import via_of, without_via
from digests.key_quote_speaker import non_human, sign_like
from digests.source_sites import file_label

MAX_SPEAKERS = 8
MAX_PER_SPEAKER = 4
MAX_QUOTE_CHARS = 300
# candidates are read a page at a time until this many quotes about the topic are found (bot/answer/scope.py): as
# many as an answer shows
ENOUGH = MAX_SPEAKERS * MAX_PER_SPEAKER
MOST_READ = 20  # "who is quoted most" with no topic: the quotes of this many of the most quoted speakers are read
MAX_ALSO = 3  # other sources named after a quote several articles carried ("also in: ..."), then "and N more"
# each kind of question as its refusal of a mention-topic shows it, before an example topic
_ASKED: dict[QuestionKind, str] = {"whosaid": "ask who said what about", "speaker": "ask what did Rutte say about",
                                   "most": "ask who is quoted most on", "new": "ask what's new on"}


@dataclass(frozen=True, slots=True)
class Answer:
    """What the bot found: a heading, quotes grouped by speaker, or a message (help, no match, bad input)."""

    heading: str
    groups: tuple[tuple[str, tuple[QuoteHit, ...]], ...] = ()
    message: str = ""
    suggestions: tuple[str, ...] = ()
    question: Question | None = None
    lines: tuple[str, ...] = field(default=())  # free text lines ("what's new")
    ok: bool = True
    found_nothing: bool = False  # the question was read and asked, and no quote answers it
    # by article id, the words it capitalises mid-sentence: a role shown keeps only a name's capital (``shown_role``)
    names: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # what-did-X-say: the groups of descriptions holding X's name ("Sources within TORVA"), after X's own
    tied: frozenset[str] = frozenset()


async def ask(text: str, quotes: QuoteStore, articles: ArticleStore, now: datetime, *,
              last_briefing: datetime | None = None) -> Answer:
    """Parse and answer one question; every failure is an Answer with a clear message. ``last_briefing``: where
    the channel's last scheduled briefing ended, for "since last briefing"."""
    if not text.strip():
        return Answer("", message="Ask me a question.\n" + HELP, ok=False)
    question = parse_question(text)
    if question is None:
        return Answer("", message="I didn't understand that question.\n" + HELP, ok=False)
    return await answer(question, quotes, articles, now, last_briefing=last_briefing)


async def answer(question: Question, quotes: QuoteStore, articles: ArticleStore, now: datetime, *,
                 last_briefing: datetime | None = None) -> Answer:
    since: datetime | None = None
    if question.since:
        try:
            since = parse_when(question.since, now, last_briefing=last_briefing)
        except NoBriefingYet as exc:  # worded as the briefing verb words it
            return Answer("", message=f"No briefing to start from: {echoed_in(str(exc), question.since)}.",
                          question=question, ok=False)
        except WhenError as exc:
            return Answer("", message=f"{echoed_in(str(exc), question.since)}.", question=question, ok=False)
    try:
        refuse_mention(question.topic, _ASKED[question.kind])  # "who said what about <#123>": in no story
        if question.topic:
            refuse_common(question.topic, _ASKED[question.kind])  # "who said what about the": in every story
    except (MentionTopic, CommonTopic) as exc:
        return Answer("", message=f"I could not use that topic: {echoed_in(str(exc), question.topic)}.",
                      question=question, ok=False)
    if question.topic and not query_terms(question.topic):
        return Answer("", message="Give me a topic in words, e.g. `who said what about Bucharest`.",
                      question=question, ok=False)
    window = f" since {since:%a %d %b %Y}" if since else ""
    if question.kind == "new" and not question.topic:  # chat answers with a briefing (bot/commands/quote_commands.py)
        return Answer("", message="For the latest news ask for a briefing (`brief`); I answer what's new on a topic, "
                      "e.g. `what's new on NATO`.", question=question, ok=False)
    if question.kind == "new":
        return await _whats_new(question, articles, since, window)
    speakers: list[str] = []
    holders = RoleHolders([], {}, exact=True)
    for_body: frozenset[str] = frozenset()  # speakers found by the body their role names (``speakers_for_body``)
    if question.kind == "speaker":
        if not query_terms(question.speaker) or unresolved(question.speaker):  # "what did it say": no one
            return Answer("", message="Whose statements? Give a name, e.g. `what did Rutte say`.",
                          question=question, ok=False)
        # a name ("Rutte"), else a role the store keeps for someone ("the mayor": "Elena Vasquez (Mayor)")
        speakers = await quotes.speakers_named(question.speaker)
        # a body's named spokesperson speaks for it ("the Kremlin": "Dmitry Peskov (Kremlin spokesman)"), shown tied
        for_body = frozenset(s for s in await speakers_for_body(quotes.db, question.speaker) if s not in speakers)
        speakers += sorted(for_body)
        if not speakers:  # "the minister": also "the fisheries minister" when no one is "Minister" (an exact role)
            holders = await speakers_in_role(quotes.db, question.speaker)
            speakers = holders.speakers
        if not speakers:
            return await _nothing(f"I have no statements by {plain(repr(question.speaker[:60]))}.", question.speaker,
                                  quotes, question)
    if question.kind == "most" and not question.topic:  # "who is quoted most": of all the stored stories
        hits = await _most_quoted(quotes, since)
    else:  # the quotes of the stories the topic matches, those about it kept (bot/answer/scope.py)
        hits = await found_in_scope(quotes, articles, question.topic, speakers=speakers, since=since, enough=ENOUGH)
    hits = [h for h in hits if not said_by_nothing(h.attribution.speaker)]
    if question.kind == "whosaid":  # Vasquez's own words are not said about Vasquez, though her sentence names her;
        # "Sources within TORVA" are not TORVA, and stay (apart, below)
        hits = [h for h in hits if not names_speaker(question.topic, h.attribution.speaker)
                or _holds_topic(question.topic, h.attribution.speaker)]
    hits = await with_particles(hits, articles)  # "pointed to", not "pointed" (bot/answer/cue_particles.py)
    about = f" about {echoed(question.topic)}" if question.topic else ""
    if not hits:
        who = echoed(question.speaker, 60) if question.kind == "speaker" else "anyone"
        return replace(await _nothing(f"I found nothing {who} said{about}{window}.",
                                      question.topic or question.speaker, quotes, question), found_nothing=True)
    groups = _group(hits, mentions_first=question.kind != "most")
    names = await role_names(hits, articles)
    tied: frozenset[str] = frozenset()
    if question.kind == "speaker" and not holders.speakers:  # a name asked: its own words first, then those tied
        tied = frozenset(name for name, _ in groups if tied_to(question.speaker, name) or name in for_body)
        groups = [g for g in groups if g[0] not in tied] + [g for g in groups if g[0] in tied]
    if question.kind == "whosaid":  # who said what about TORVA: those tied to it after the others, as ask lists them
        tied = frozenset(name for name, _ in groups if _holds_topic(question.topic, name))
        groups = [g for g in groups if g[0] not in tied] + [g for g in groups if g[0] in tied]
    if question.kind == "most":
        heading = f"Quoted most{about}{window}:"
        groups = groups[:5]
    elif question.kind == "speaker" and len(matched := _roles_matched(holders, groups, names)) > 1:
        heading = f"What {echoed(question.speaker, 60)} said{about}{window} (roles matched: {', '.join(matched)}):"
    elif question.kind == "speaker" and len(tied) == len(groups):
        heading = f"Nothing by {echoed(question.speaker, 60)} itself{about}{window}; what people or sources tied " \
                  "to it said:"
    elif question.kind == "speaker":
        heading = f"What {_as_typed(question.speaker, _headed_by(question.speaker, speakers, groups))} said" \
                  f"{about}{window}:"
    else:
        heading = f"Who said what{about}{window}:"
    return Answer(heading, tuple(groups), question=question, names=names, tied=tied)


def _holds_topic(topic: str, speaker: str) -> bool:
    """Whether ``speaker`` is a description that holds the topic's name rather than its bearer ("Sources within
    TORVA", "unnamed TORVA official" about TORVA; bot/answer/tied.py): who said what about TORVA lists it apart,
    as what did TORVA say does, never as TORVA's own words."""
    return described(speaker) and holds_name(speaker, typed_name(topic).split()) and tied_to(topic, speaker)


def said_by_nothing(speaker: str) -> bool:
    """A speaker that is clearly no one: a sign, notice, banner or poster ("sign at the gate says: Akwaaba") or an
    animal or plant ("40 kinds of seabirds call the cliffs home"; digests/key_quote_speaker.py). Answers are
    generous otherwise: a vague or unnamed person ("Many", "unnamed officials") is still someone who spoke."""
    return sign_like(speaker) or non_human(speaker)


async def _most_quoted(quotes: QuoteStore, since: datetime | None) -> list[QuoteHit]:
    """The quotes of the most quoted speakers of all the stored stories (those the store counts most, a name that
    is no one's aside, and a description the store counts over articles, "company": ``article_bound``), since
    ``since``: an answer keeps the five with most of them."""
    named = [s for s in await quotes.known_speakers(limit=MOST_READ * 4)
             if not said_by_nothing(s) and not article_bound(s) and not s.startswith("unnamed")][:MOST_READ]
    return await quotes.search(speakers=named, since=since) if named else []


def _as_typed(asked: str, name: str) -> str:
    """``name`` with the article it was asked with: "the Kremlin" for "Kremlin" asked as "the Kremlin"."""
    first = asked.split(maxsplit=1)[0] if asked.split() else ""
    typed = first.lower() == "the" and typed_name(asked) == typed_name(name) and not name.lower().startswith("the ")
    return f"the {name}" if typed else name


def _roles_matched(holders: RoleHolders, groups: list[tuple[str, tuple[QuoteHit, ...]]],
                   names: Mapping[str, frozenset[str]]) -> list[str]:
    """The roles of the answer's speakers a role asked by its last words matched ("fisheries minister", "Foreign
    Minister" for "the minister"), each once whatever its case or leading article, as text, in alphabetical order;
    none for an exact role (every speaker holds the one asked). Each is shown as the speaker's line shows it
    (``shown_role`` with ``names``, by article id the words an article writes as names: those of an article of
    the group that gives the speaker that role)."""
    if holders.exact:
        return []
    found: dict[str, str] = {}
    for name, hits in groups:
        role = holders.roles.get(name)
        if role:
            article = next((h.attribution.article_id for h in hits
                            if (without_via(h.attribution.role) or "").casefold() == role.casefold()), None)
            first, _, rest = " ".join(role.split()).partition(" ")
            shown = shown_role(rest if rest and first.lower() in ARTICLES else f"{first} {rest}".strip(),
                               names.get(article) if article is not None else None)
            found.setdefault(shown.casefold(), plain(shown))
    return [found[k] for k in sorted(found)]


def _headed_by(asked: str, speakers: list[str], groups: list[tuple[str, tuple[QuoteHit, ...]]]) -> str:
    """Who a speaker's answer is headed by: the most quoted, or when a first name was asked ("Mara Quist") the
    best match that said something (not "Mr Quist", quoted more)."""
    given, _ = name_parts(query_terms(asked))
    found = {name for name, _ in groups}
    return next((s for s in speakers if s in found), groups[0][0]) if given else groups[0][0]


def _group(hits: list[QuoteHit], *, mentions_first: bool = True) -> list[tuple[str, tuple[QuoteHit, ...]]]:
    """Hits by speaker, the most quoted first; with ``mentions_first``, speakers with a quote that names the topic
    itself before those only found in a story about it (``QuoteHit.mentions``). A quote is shown and counted once
    however many articles carried it, with the others as its sources (bot/answer/repeats.py). A speaker left as
    a pronoun ("it") is an "unnamed source" of its own article (bot/answer/unresolved.py), and a description that
    names no organisation ("company", "unnamed spokesperson") a speaker of its own article (bot/answer/described.py):
    two articles' "it" or "the company" are not one speaker. An unnamed spokesperson for a body quoted in the
    answer under its own name ("unnamed spokesperson for the Averley Transport Workers' Union") is in that body's
    group (bot/answer/spokespeople.py)."""
    by: dict[tuple[str, str], list[QuoteHit]] = {}
    for hit in said_once(hits):
        a = hit.attribution
        by.setdefault((shown_speaker(a.speaker), a.article_id if article_bound(a.speaker) else ""), []).append(hit)
    named = [name for name, article in by if not article]
    for name in named:
        joined = joined_group(name, named)
        if joined is not None:
            by[(joined[0], "")].extend(by.pop((name, "")))
    ordered = sorted(by.items(), key=lambda kv: (mentions_first and not any(h.mentions for h in kv[1]),
                                                 -len(kv[1]), kv[0]))
    return [(name, tuple(items)) for (name, _), items in ordered]


async def _nothing(message: str, near: str, quotes: QuoteStore, question: Question) -> Answer:
    suggestions = suggest(near, await quotes.known_speakers())
    if suggestions:
        message += " Did you mean: " + ", ".join(suggestions) + "?"
    return Answer("", message=message, suggestions=tuple(suggestions), question=question, ok=False)


def suggest(text: str, names: list[str], limit: int = 3) -> list[str]:
    """Known speakers close to ``text``: small edit distance on the whole name or on any one word; none when
    ``text`` already is a known speaker's name or surname ("Peskov": no "did you mean Dmitry Peskov")."""
    words = [w.lower() for w in query_terms(text)]
    if not words or any(names_speaker(text, name) for name in names):
        return []
    target = " ".join(words)
    scored: dict[str, float] = {}
    for name in names:
        low = name.lower()
        if low.startswith("unnamed") or unresolved(name):  # "did you mean: unnamed spokesperson for ...", "he":
            continue  # nothing one can ask for
        best = difflib.SequenceMatcher(None, target, low).ratio()
        for part in low.split():
            for w in words:
                if len(w) >= 4 and (part.startswith(w[:5]) or w.startswith(part[:5])) and len(part) >= 4:
                    best = max(best, 0.9)
                if len(w) >= 4:  # a short word ("the", "of") is in many names: alone it suggests nothing
                    best = max(best, difflib.SequenceMatcher(None, w, part).ratio())
        if best >= 0.75 and low != target:
            scored[name] = best
    return [n for n, _ in sorted(scored.items(), key=lambda kv: -kv[1])[:limit]]


async def _whats_new(question: Question, articles: ArticleStore, since: datetime | None, window: str) -> Answer:
    hits = await articles.search(question.topic, limit=40)
    found = await articles.get_many([h.article_id for h in hits])
    if since is not None:
        found = [a for a in found if (a.published or a.fetched or since) >= since]
    if not found:
        return Answer("", message=f"Nothing new on {echoed(question.topic)}{window} in the stored stories.",
                      question=question, ok=False)
    lines = []
    for a in found[:1 if question.why else 6]:
        when = f", {a.published:%d %b %Y}" if a.published else ""
        lead = a.sentences[0].text if a.sentences else clipped(a.text, 200)
        lines.append(f"• *{plain(a.title or clipped(lead, 80))}* — {plain(a.outlet or 'unknown outlet')}{when}\n"
                     f"  {plain(clipped(lead, 240))}")
    heading = closest_note(question.topic) if question.why else f"What's new on {echoed(question.topic)}{window}:"
    return Answer(heading, lines=tuple(lines), question=question)


def closest_note(topic: str) -> str:
    """What a why-question's answer says first: the story shown is the closest to its words, not an answer to why."""
    return f"The closest story to {echoed_code(topic, 80)}: what it reports, not an explanation of why."


def _outlet_link(hit: QuoteHit) -> str:
    """The article's outlet as the label of a link to it (bot/answer/links.py); its name alone without a usable URL,
    then the file's name for an article read from a local file, as a briefing credits it: "Orrin Courier
    (file ferry-notes.txt)", only "file ferry-notes.txt" when the outlet is named after the file (never its folder
    nor a file:// link)."""
    url = link_url(hit.url)
    if hit.file and not url and names_the_file(hit.outlet, hit.file):  # "file ferry-notes.txt", not twice
        return plain(f"file {hit.file}")
    shown = source_link(plain(hit.outlet or "unknown outlet"), url)
    return f"{shown} {plain(file_label([hit.file]))}" if hit.file and not url else shown


def _source_line(hit: QuoteHit) -> str:
    """Where a quote comes from; the article's title, outlet and link are its text, not markup (bot/answer/plain.py)."""
    when = f", {hit.published:%d %b %Y}" if hit.published else ""
    title = f"“{plain(clipped(hit.title, 100))}”, " if hit.title else ""
    return f"{title}{_outlet_link(hit)}{when}" + _also_line(hit.also)


def _also_line(also: tuple[QuoteHit, ...]) -> str:
    """The other articles that carried a quote: "; also in: [Outlet](<link>), ..." (at most MAX_ALSO named)."""
    if not also:
        return ""
    named = [_outlet_link(other) for other in also[:MAX_ALSO]]
    more = f" and {len(also) - MAX_ALSO} more" if len(also) > MAX_ALSO else ""
    return "; also in: " + ", ".join(named) + more


def render_text(result: Answer) -> str:
    """Markdown-ish text for chat and the terminal: the bot's own words may carry **bold** and links, what the
    articles say (quotes, speakers, roles, titles, outlets) is escaped as text (bot/answer/plain.py)."""
    if not result.ok:
        return result.message
    out = [result.heading]
    out.extend(result.lines)
    for n, (speaker, hits) in enumerate(result.groups[:MAX_SPEAKERS]):
        if speaker in result.tied and n and result.groups[n - 1][0] not in result.tied and result.question:
            q = result.question
            asked = echoed(q.topic if q.kind == "whosaid" else q.speaker, 60)
            out.append(f"From people or sources tied to {asked} (not {asked} itself):")
        own = [h for h in hits if _spokesperson(h, speaker) is None]  # a spokesperson's role is not the body's
        # what the speaker is, without the paper one quote was told ("via Valmont Post"): that stays on its line
        role = next((_role(h, result) for h in own if without_via(h.attribution.role)), None)
        count = f" ({counted(len(hits), 'quote')})" if result.question and result.question.kind == "most" else ""
        out.append(f"*{plain(speaker)}*" + (f" ({plain(role)})" if role else "") + count)
        for hit in hits[:MAX_PER_SPEAKER]:
            a = hit.attribution
            shown = readable_content(a.content)
            text = shown if len(shown) <= MAX_QUOTE_CHARS else shown[:MAX_QUOTE_CHARS] + "…"
            # a participle cue as a verb ("adding" -> "added", bot/nlp/cue_forms.py), as key quotes show it
            spokesperson = _spokesperson(hit, speaker)  # "said (spokesperson)": a body's line said for it
            marks = [m for m in (spokesperson, via_of(a.role)) if m]  # "told (via Valmont Post)": its own route
            marked = f" ({plain(', '.join(marks))})" if marks else ""
            out.append(f"  • {plain(past_form(a.cue))}{marked}: {plain(text)} — {_source_line(hit)}")
        if len(hits) > MAX_PER_SPEAKER:
            out.append(f"  … and {len(hits) - MAX_PER_SPEAKER} more")
    if len(result.groups) > MAX_SPEAKERS:
        out.append(f"… and {counted(len(result.groups) - MAX_SPEAKERS, 'more speaker')}")
    return "\n".join(out)


def _role(hit: QuoteHit, result: Answer) -> str:
    """The hit's role as answers show it: a sentence-start capital kept only on a word its article writes as a name."""
    return shown_role(without_via(hit.attribution.role) or "", result.names.get(hit.attribution.article_id))


def _spokesperson(hit: QuoteHit, group: str) -> str | None:
    """The word for an unnamed spokesperson whose quote is in the group of the body they speak for ("spokesperson",
    "official"); None for the group's own speaker."""
    speaker = hit.attribution.speaker
    body = spoken_for(speaker) if shown_speaker(speaker) != group else None
    return body[1] if body else None


def render_terminal(result: Answer) -> str:
    """``render_text`` for a terminal (``briefbot ask``), which reads no markup: article text as written, without
    the backslashes that keep it from being markup in chat, and each source link as its outlet and URL."""
    return unescaped(bare_links(render_text(result)))


def to_json(result: Answer) -> dict[str, Any]:
    """``answers[]`` with speaker, speaker_as_written and role (as the text shows them: ``shown_written``,
    ``shown_role``; a route a paper was told is ``via``), text, kind, source, sentence and also_in (the other
    articles' sources of a quote several carried, each as ``source``); ``tied``: the speaker is a description that
    holds the name asked ("Sources within TORVA" for what did TORVA say), not the one asked; ``group``: the index of
    the answer's speaker group in ``counts``, which has each group shown, in order, with its number of quotes:
    two articles' "company" are two groups of one name (bot/answer/described.py), not one count added up."""
    answers = [
        {"speaker": speaker, "group": n, "speaker_as_written": shown_written(h.attribution.speaker_as_written),
         "role": _role(h, result) or None, "via": via_of(h.attribution.role) or None, "cue": h.attribution.cue,
         "tied": speaker in result.tied,
         "text": h.attribution.content,
         "kind": h.attribution.kind, "sentence": h.attribution.sentence, "source": _source_json(h),
         "also_in": [_source_json(other) for other in h.also]}
        for n, (speaker, hits) in enumerate(result.groups) for h in hits
    ]
    return {"ok": result.ok, "heading": result.heading, "message": result.message, "lines": list(result.lines),
            "suggestions": list(result.suggestions), "answers": answers,
            "counts": [{"speaker": speaker, "quotes": len(hits)} for speaker, hits in result.groups]}


def _source_json(hit: QuoteHit) -> dict[str, Any]:
    return {"name": hit.outlet, "title": hit.title, "url": hit.url, "file": hit.file,
            "published": hit.published.isoformat() if hit.published else None,
            "article_id": hit.attribution.article_id}
