"""`briefbot ask` (answer a question from the store) and `briefbot quotes FILE` (attributions in one text)."""

from __future__ import annotations

import argparse
import asyncio
import re
from datetime import datetime
from pathlib import Path

from bot.answer.links import bare_links
from bot.answer.question import parse_question
from bot.answer.when import NoBriefingYet, WhenError, parse_when
from bot.app import App
from bot.cli_common import add_command, err, existing_store, print_json
from bot.models import Attribution

MARKDOWN = frozenset({".md", ".markdown"})  # read by ingest's reader, which drops the marks
# in a chat reply: a character ``plain`` escaped (article text: kept, its backslash dropped), or a "*" that is not
# escaped (the reply's own bold, which a terminal shows as a star: dropped, as `briefbot brief` shows no bold)
_CHAT_MARKS = re.compile(r"\\([\\*_~`\[\]<>|])|\*")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(subparsers, "ask", "Answer a question about who said what, from the store.", run_ask)
    p.add_argument("question", help='e.g. "who said what about Bucharest" or "what did Rutte say"')
    p.add_argument("--json", action="store_true", help="print the answer as one JSON object: ok, heading, message, "
                   "lines, suggestions, answers and counts (plain text, as the text output shows it)")
    p = add_command(subparsers, "quotes", "Print the attributions (who said what) found in one text file.",
                    run_quotes)
    p.add_argument("file", type=Path, help="a text file (UTF-8, or a legacy encoding such as Latin-1, as ingest "
                   "reads); a saved page (.html, .htm, .xhtml), Markdown, JSON/JSONL or feed file is read as "
                   "ingest reads it")
    p.add_argument("--json", action="store_true", help="print attributions[] as JSON")


async def run_ask(args: argparse.Namespace, app: App) -> int:
    from bot.answer.respond import ask, render_text, to_json  # the answer imports the store and the NLP: when asked
    from bot.store.articles import ArticleStore
    from bot.store.quotes import QuoteStore

    if _since_last_briefing(args.question, app.clock()):  # chat's "this channel has had no briefing" names none here
        err('briefbot ask: "since last briefing" is where a channel\'s last scheduled briefing ended, so it works in '
            'chat only; here ask since a time such as 24h, Monday or 2026-11-01')
        return 2
    db = await existing_store(app)
    result = await ask(args.question, QuoteStore(db), ArticleStore(db), app.clock())
    if args.json:  # for programs: the text as the text output shows it, no chat markup
        data = to_json(result)
        print_json({**data, "heading": terminal_text(data["heading"]), "message": terminal_text(data["message"]),
                    "lines": [terminal_text(line) for line in data["lines"]]})
    else:
        print(terminal_text(render_text(result)))
    return 0 if result.ok else 1


def terminal_text(reply: str) -> str:
    """A chat reply (``bot.answer.respond.render_text``) as plain text for a terminal: its own bold marks dropped,
    and the backslashes that keep article text from being markup removed (an article's own "*" stays); a source link
    as its outlet and URL (bot/answer/links.py)."""
    return _CHAT_MARKS.sub(lambda m: m[1] or "", bare_links(reply))


def _since_last_briefing(text: str, now: datetime) -> bool:
    """Whether the question counts from "last briefing", which only a channel has."""
    question = parse_question(text)
    if question is None or not question.since:
        return False
    try:
        parse_when(question.since, now)
    except NoBriefingYet:
        return True
    except WhenError:  # any other unreadable time is answered as in chat
        return False
    return False


def readable(text: str) -> bool:
    """Whether decoded text is text: not blank, and few control characters (NUL and the like)."""
    if not text.strip():
        return False
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\x1b")
    return controls <= max(2, len(text) // 100)


async def run_quotes(args: argparse.Namespace, app: App) -> int:
    from bot.ingest.files import SUPPORTED, TEXT

    if args.file.suffix.lower() in SUPPORTED - (TEXT - MARKDOWN):
        return await _quotes_as_ingested(args, app)
    return await _quotes_of_text(args)


async def _quotes_as_ingested(args: argparse.Namespace, app: App) -> int:
    """A page, Markdown, JSON or feed file read by ingest's reader: each article's attributions, offsets indexing
    its text as ingest stores it."""
    from bot.answer.role_case import proper_words
    from bot.ingest.files import read_file
    from bot.nlp.attributors import default_attributor

    outcome = await asyncio.to_thread(read_file, args.file, config=app.config.ingest, now=app.clock())
    if not outcome.articles:
        reasons = "; ".join(p.reason for p in outcome.problems if not p.kept) or "no articles found"
        err(f"briefbot quotes: cannot read {args.file}: {reasons}")
        return 1
    attributor = default_attributor()
    found = [(article.title, await asyncio.to_thread(attributor, article)) for article in outcome.articles]
    if args.json:
        print_json({"file": str(args.file), "attributions": [_as_json(a, title) for title, some in found
                                                             for a in some]})
        return 0
    if not any(some for _, some in found):
        print("No attributions found.")
    for (title, some), article in zip(found, outcome.articles, strict=True):
        if some and len(found) > 1:
            print(f"{title}:")
        for a in some:
            print(_line(a, proper_words(article)))
    return 0


async def _quotes_of_text(args: argparse.Namespace) -> int:
    """A text file (or one of no kind ingest reads) read whole: offsets index its decoded text."""
    from bot.answer.role_case import proper_words_in
    from bot.ingest.decode import DecodeError, decode_bytes
    from bot.ingest.language import detect_language
    from bot.nlp.quotes_direct import DIRECT_LANGUAGES, rule_quotes
    from bot.nlp.sentences import split_sentences

    try:  # decoded as ingest decodes a file: a BOM dropped, Latin-1 read, binary refused in one line
        text = decode_bytes(args.file.read_bytes())
    except OSError as exc:  # exit 1, as ingest and summarise: the input could not be read (2 is a usage mistake)
        err(f"briefbot quotes: cannot read {args.file}: {exc.strerror or exc}")
        return 1
    except DecodeError as exc:
        err(f"briefbot quotes: cannot read {args.file}: {exc}")
        return 1
    if not readable(text):  # e.g. a UTF-32 byte-order mark and nothing else, or control bytes: not a text
        err(f"briefbot quotes: cannot read {args.file}: no readable text in it (binary data, or empty); give a text "
            "file")
        return 1
    language = detect_language(text)  # as ingest labels a file: fr, de, es, it, pt by rules, English by spaCy
    if language in DIRECT_LANGUAGES:
        found = await asyncio.to_thread(rule_quotes, text, language, args.file.stem)
    elif language == "en":
        from bot.nlp.quotes import extract_from_text

        found = await asyncio.to_thread(extract_from_text, text, args.file.stem)
    else:
        found = ()
    if args.json:
        print_json({"file": str(args.file), "attributions": [_as_json(a, "") for a in found]})
        return 0
    if not found:
        print("No attributions found.")
    names = proper_words_in(s.text for s in split_sentences(text))
    for a in found:
        print(_line(a, names))
    return 0


def _as_json(a: Attribution, title: str) -> dict[str, object]:
    """One attribution for ``--json``; ``title``: the article whose text its offsets index ("" for a text file's
    own text); ``cue`` as extracted ("pointed") and ``cue_particle`` the particle after it ("to"), "" for none."""
    return {"speaker": a.speaker, "speaker_as_written": a.speaker_as_written, "role": a.role, "cue": a.cue,
            "cue_particle": a.cue_particle,
            "content": a.content, "start": a.start, "end": a.end, "kind": a.kind, "sentence": a.sentence,
            "title": title}


def _line(a: Attribution, names: frozenset[str]) -> str:
    """One attribution as text, its cue and role as answers show them ("pointed to", ``shown_cue``; "mayor" for a
    "Mayor" that opened its sentence, ``shown_role`` with the article's ``names``): a particle taken from the head of
    the content moves its start past it, so the offsets still index the content shown."""
    from bot.answer.unresolved import shown_role, shown_speaker
    from bot.nlp.phrasal_cues import shown_cue

    role = f" ({shown_role(a.role, names)})" if a.role else ""
    speaker = shown_speaker(a.speaker)  # "he" left unresolved: "unnamed source", as answers show it
    written = f" [as {a.speaker_as_written!r}]" if a.speaker_as_written != speaker else ""
    cue, content = (a.cue, a.content) if a.kind == "direct" else shown_cue(a.cue, a.content, particle=a.cue_particle)
    start = a.start + len(a.content) - len(content)
    return f"{speaker}{role}{written} {cue} ({a.kind}, {start}-{a.end}): {content}"
