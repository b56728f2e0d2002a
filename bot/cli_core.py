"""Core subcommands: demo, ingest, brief, summarise, sources."""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.answer.when import NoBriefingYet, WhenError, parse_when
from bot.app import App, make_pipeline
from bot.channel_languages import parse_languages
from bot.cli_common import Subparsers, add_command, err, existing_store, print_json
from bot.clock import ManualClock
from bot.config import Config
from bot.ingest.credentials import is_held
from bot.ingest.local_paths import source_key
from bot.models import BRIEFING_LENGTHS, Article, Briefing
from bot.plurals import counted
from bot.schedule import parse_timezone

if TYPE_CHECKING:
    from bot.pipeline import IngestReport, Pipeline

# the briefing, the fetcher, the readers and the topic parser import much of the bot (the NLP among it): each
# command imports what it uses, so that `briefbot -h` and the other commands start without them
SAMPLES = Path(__file__).parent / "samples"
# an edited version of one sample (written for this project, as the samples are), which `demo` reads after the first
# briefing to show an outlet's edit noticed; the folder holds only articles: `ingest` would store any other file
SAMPLES_LATER = Path(__file__).parent / "samples_later"
# The demo's clock: the evening of the samples' latest item (Metro Wire, 20 Nov 2026 12:30 UTC). An undated sample
# file counts from when it is ingested, so on the wall clock it would drift out of its story's 96-hour window.
DEMO_NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
DEMO_EDIT_AFTER = timedelta(hours=3)  # bot/samples_later/ is read this long after the first briefing
FORMATS = ("text", "markdown", "slack", "discord", "json")
# what `brief --since` reads (bot/answer/when.py), "last briefing" aside: only a channel has one
SINCE_FORMS = ('"24h", "3 days", "today", "yesterday", "Monday", "this week", "last week", "this month", '
               '"last month" or a date such as 2026-11-01')


def register(sub: Subparsers) -> None:
    p = add_command(sub, "demo", "Ingest the bundled sample articles into a temporary store and print a "
                    "briefing (offline, no tokens).", run_demo)
    p._option_string_actions["--db"].help = ("refused: the demo uses a temporary store of its own, deleted at the "
                                             "end (fill a store with `briefbot ingest PATH --db ...`)")
    p = add_command(sub, "ingest", "Ingest files, folders, feed URLs and page URLs.", run_ingest)
    p.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--no-quotes", action="store_true", help="skip quote extraction (faster)")
    p = add_command(sub, "brief", "Print a briefing of the stored stories.", run_brief)
    p.add_argument("--topic", default=None, help='a topic query, e.g. "NATO -sport" (one starting with a dash: '
                   '--topic="-sport NATO"); one query, as chat\'s /brief reads it: "A OR B" for stories on either')
    p.add_argument("--since", default=None, help=f'{SINCE_FORMS}, in briefing.timezone (default: '
                   'briefing.default_since)')
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--max-stories", type=int, default=None,
                   help="stories shown in full; the rest are listed (default: briefing.max_stories; 0: no limit)")
    p.add_argument("--length", choices=BRIEFING_LENGTHS, default="full",
                   help="how much of each story to show, as a channel's `length` (json: whole, with the length)")
    p.add_argument("--languages", default="", metavar="CODES",
                   help='only stories with a report in these languages, as a channel\'s `languages`: ISO 639-1 codes, '
                   'e.g. "en fr" (default: every language)')
    p = add_command(sub, "summarise", "Summarise one article, or several files taken as one story, "
                    "without touching the store.", run_summarise)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--sentences", type=int, default=None, help="summary length (default: briefing.summary_sentences)")
    p.add_argument("--json", action="store_true")
    p = add_command(sub, "sources", "What has been ingested from where, with counts and last errors; "
                    "`sources add URL` is `ingest URL`; `sources remove URL` stops polling a URL `ingest` added.",
                    run_sources)
    p.add_argument("action", nargs="?", choices=("add", "remove"), help="add: read and keep a source, as `briefbot "
                   "ingest` does (a URL is polled from then on); remove: stop polling the source (its articles stay "
                   "in the store); omitted: list the sources")
    p.add_argument("source", nargs="*", metavar="PATH_OR_URL", help="what to add (one or more, as `ingest` takes "
                   "them), or the one source to remove, as `briefbot sources` lists it")
    p.add_argument("--no-quotes", action="store_true", help="add: skip quote extraction (faster)")


class ProgressPrinter:
    """A progress bar on a terminal; plain log lines otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.last = ""

    def __call__(self, message: str, done: int, total: int) -> None:
        if self.tty:
            width = 30
            filled = int(width * done / max(total, 1))
            line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message[:60]:<60}"
            print(line, end="" if done < total else "\n", file=self.stream)
        elif total >= 10 and (done == total or done % max(1, total // 10) == 0):
            print(f"{message}: {done}/{total}", file=self.stream)


async def ingest_targets(pipeline: Pipeline, config: Config, targets: list[str],
                         report: IngestReport | None = None) -> IngestReport:
    # any URL, so an ftp:// or file:// one is refused by the fetcher's own rule, not for want of a fetcher
    from bot.ingest.fetch import Fetcher

    needs_http = any("://" in t or t.lower().startswith(("http:", "https:")) for t in targets)
    if needs_http:
        async with Fetcher(config.ingest) as fetcher:
            return await pipeline.ingest(targets, fetcher, ProgressPrinter(), report)
    return await pipeline.ingest(targets, None, ProgressPrinter(), report)


def print_report(report: IngestReport) -> None:
    for line in report.lines:
        print(line)
    print(f"{report.added} added, {report.updated} updated, "
          f"{report.unchanged + report.duplicates + report.pruned} skipped, {counted(len(report.problems), 'error')}"
          + (f", {counted(len(report.warnings), 'warning')}" if report.warnings else "")
          + (f", {counted(len(report.notes), 'note')}" if report.notes else ""))


async def run_ingest(args: argparse.Namespace, app: App) -> int:
    if any(not t.strip() for t in args.targets):  # "" would be read as the current folder, and kept as a source
        err("briefbot ingest: an empty name: give a file, a folder or an http(s) URL")
        return 2
    from bot.ingest_stopped import ingest_stopped
    from bot.pipeline import IngestReport

    pipeline = await make_pipeline(app, with_quotes=not args.no_quotes)
    report = IngestReport()
    try:  # a file or folder is one source by its absolute path, whatever the working directory or spelling
        await ingest_targets(pipeline, app.config, [source_key(t) for t in args.targets], report)
    except Exception as exc:  # a store outage part way: what was saved, and that the same ingest completes it
        stopped = ingest_stopped(exc, app.database_url, report)
        if stopped is None:
            raise
        for line in report.lines:
            print(line)
        raise stopped from exc
    print_report(report)
    # partial success is still success; exit 1 only when nothing at all could be read
    nothing_read = report.added + report.updated + report.unchanged + report.duplicates + report.pruned == 0
    return 1 if report.problems and nothing_read else 0


def render(briefing: Briefing, fmt: str) -> str:
    import json

    from digests.render_json import briefing_to_dict
    from digests.render_text import render_markdown, render_text

    if fmt == "json":
        return json.dumps(briefing_to_dict(briefing), indent=2, ensure_ascii=False)
    if fmt == "markdown":
        return render_markdown(briefing)
    if fmt == "slack":
        from digests.render_slack import render_briefing

        messages = [{"text": m.text, "blocks": list(m.blocks)} for m in render_briefing(briefing)]
        return json.dumps(messages, indent=2, ensure_ascii=False)
    if fmt == "discord":
        from digests.render_discord import render_discord_messages

        return json.dumps(render_discord_messages(briefing), indent=2, ensure_ascii=False)
    return render_text(briefing)


async def run_brief(args: argparse.Namespace, app: App) -> int:
    from bot.briefings import build_briefing
    from bot.topics import TopicError, parse_topic

    try:
        local = app.clock().astimezone(parse_timezone(app.config.briefing.timezone))
        since = parse_when(args.since or app.config.briefing.default_since, local)
        languages = parse_languages(args.languages)
    except NoBriefingYet:  # "this channel has had no briefing" would name a channel the command line does not have
        err('briefbot brief: --since "last briefing" is where a channel\'s last scheduled briefing ended, so it '
            'works in chat only; here give a time such as 24h, Monday or 2026-11-01')
        return 2
    except WhenError:  # its own list of forms names "last briefing", which the command line does not read
        typed = (args.since or app.config.briefing.default_since).strip()[:40]
        err(f"briefbot brief: --since: I can't read the time {typed!r}: try {SINCE_FORMS}")
        return 2
    except ValueError as exc:
        err(f"briefbot brief: --languages: {exc}")
        return 2
    if args.max_stories is not None and args.max_stories < 0:
        err(f"briefbot brief: --max-stories: expected 0 (no limit) or more, got {args.max_stories}")
        return 2
    try:  # a bad topic is one line here, not a traceback from inside the briefing
        if args.topic is not None:
            if not args.topic.strip():
                raise TopicError("empty: give a topic such as NATO, or leave --topic out for every story")
            parse_topic(args.topic)
    except TopicError as exc:
        err(f"briefbot brief: --topic: {exc}")
        return 2
    # dated in briefing.timezone, as a channel's briefing is dated in the channel's zone (bot/delivery.py)
    briefing = await build_briefing(await existing_store(app), app.config, now=local, since=since,
                                    topic=args.topic, max_stories=args.max_stories, length=args.length,
                                    languages=languages,
                                    whole_more=args.format == "json")  # JSON lists the stories past the cap whole
    print(render(briefing, args.format), end="" if args.format in ("text", "markdown") else "\n")
    if not briefing.items and args.topic and "," in args.topic:
        comma_query_hint(args.topic)
    return 0


def comma_query_hint(topic: str) -> None:
    """``--topic "A, B"`` is one query, as chat's ``/brief A, B`` reads it (not the list ``subscribe`` takes): when it
    finds nothing, say that every word was needed and how to ask for either."""
    from bot.commands.topic_input import split_topics

    parts = split_topics(topic)
    if len(parts) < 2:
        return
    excludes = any(word.startswith("-") for part in parts for word in part.split())
    either = "OR between them" if excludes else f"`{' OR '.join(parts)}`"
    err(f"briefbot brief: --topic is one query, as in chat's `/brief`: `{topic.strip()}` needs every word; "
        f"{either} finds stories on either")


async def read_articles(files: list[str], config: Config, now: datetime) -> tuple[list[Article], int]:
    from bot.ingest.sources import read_source

    articles: list[Article] = []
    problems = 0
    for path in files:
        result = await read_source(path, fetcher=None, config=config.ingest, now=now)
        if result.error:
            err(f"{path}: {result.error.removeprefix(f'{result.source}: ')}")
            problems += 1
        for problem in result.problems:
            err(f"{problem.input}: {problem.reason}")
            problems += 1
        articles.extend(result.articles)
    return articles, problems


async def run_summarise(args: argparse.Namespace, app: App) -> int:
    from bot.nlp.summarise import default_summariser

    if args.sentences is not None and args.sentences < 1:
        err(f"briefbot summarise: --sentences: expected at least 1, got {args.sentences}")
        return 2
    articles, _problems = await read_articles(list(args.files), app.config, app.clock())
    if not articles:
        err("briefbot summarise: no readable article in the given files")
        return 1
    n = args.sentences or app.config.briefing.summary_sentences
    summary = default_summariser().summarise(articles, n)
    if not summary:  # said, not an empty list with exit 0
        err("briefbot summarise: no sentence fit for a summary in the given files (too short, or no full sentences)")
        return 1
    by_id = {a.id: a for a in articles}
    if args.json:
        print_json({"articles": [{"id": a.id, "title": a.title, "outlet": a.outlet, "source": a.source}
                                 for a in articles],
                    "summary": [{"text": s.text, "article": s.article_id, "sentence": s.sentence,
                                 "start": s.start, "end": s.end, "source": by_id[s.article_id].source}
                                for s in summary]})
    else:
        for s in summary:
            print(f"- {s.text}  [{by_id[s.article_id].outlet}, sentence {s.sentence}]")
    return 0


async def run_sources(args: argparse.Namespace, app: App) -> int:
    from bot.store.sources import SourceStore, pending_move

    action = getattr(args, "action", None)  # `sources` alone lists
    given: list[str] = list(getattr(args, "source", None) or [])
    if action == "add":  # chat has `sources add URL`: here it is `ingest`, which keeps a URL as a polled source
        if not given:
            err("briefbot sources add: give a feed or page URL (or a file or folder), as `briefbot ingest` takes")
            return 2
        return await run_ingest(argparse.Namespace(targets=given, no_quotes=getattr(args, "no_quotes", False)), app)
    if action == "remove":
        from bot.cli_sources import remove_source

        if len(given) > 1:
            err("briefbot sources remove: one source at a time, as `briefbot sources` lists it")
            return 2
        return await remove_source(given[0] if given else "", app)
    states = await SourceStore(await existing_store(app)).list()
    stored = {s.key for s in states}
    coming = [item for item in app.config.sources if item.url not in stored]  # `run` adds them at its start
    if not states and not coming:
        print("No sources yet. Add some with: briefbot ingest PATH_OR_URL")
        return 0
    for s in states:
        last = s.last_fetch_at.strftime("%Y-%m-%d %H:%M") if s.last_fetch_at else "never"
        held = is_held(s.last_error)  # not polled (an unset credential variable): no failure counted for it
        status = "disabled" if s.disabled else ("failing" if s.failures else ("held back" if held else "ok"))
        count = counted(s.articles, "article")
        move = pending_move(s)  # a failed poll's error replaced the move's note: the move is still to be made
        label = {"ok": "note: ", "held back": ""}.get(status, "last error: ")  # ok: SourceStore.note
        print(f"{s.key}\n    {s.kind or '?'} · {s.name or '-'} · {count} · last fetch {last} · "
              f"{status}" + (f" · {label}{s.last_error}" if s.last_error else "") + (f" · {move}" if move else ""))
    for item in coming:  # shown as `run` will add it, nothing written (as `briefbot channels` shows [[channels]])
        print(f"{item.url}\n    ? · {item.name or '-'} · 0 articles · last fetch never · not read yet: a [[sources]] "
              "entry, added and polled by `briefbot run`")
    return 0


async def run_demo(args: argparse.Namespace, app: App) -> int:
    """A throwaway store in a temp folder, the bundled samples, a briefing and a who-said-what."""
    from bot.briefings import build_briefing
    from digests.render_text import render_text

    if app.db_url:  # refused, not ignored: the sample articles and their edit do not belong in a real store
        err("briefbot demo: --db: the demo always uses a temporary store of its own and deletes it at the end; "
            "leave --db out (use `briefbot ingest PATH --db ...` to fill a store)")
        return 2
    with tempfile.TemporaryDirectory(prefix="briefbot-demo-") as tmp:
        clock = ManualClock(DEMO_NOW)  # the samples' own day, not the run's: the same briefing on any day
        demo = App(config=app.config, db_url=f"sqlite:///{tmp}/demo.db", clock=clock)
        try:
            pipeline = await make_pipeline(demo)
            print(f"Ingesting the bundled sample articles from {SAMPLES} ...", file=sys.stderr)
            report = await ingest_targets(pipeline, demo.config, [str(SAMPLES)])
            print(f"{counted(report.added, 'article')} stored, {counted(len(report.problems), 'problem')}.\n",
                  file=sys.stderr)
            briefing = await build_briefing(await demo.db(), demo.config, now=demo.clock(), since=None,
                                            topic=None)
            print(render_text(briefing))
            await _demo_question(demo)
            if briefing.items:
                from bot.answer.role_case import quote_names
                from bot.store.articles import ArticleStore
                from bot.story_loader import load_stories, story_additions
                from digests.story_view import render_story_text

                clock.advance(DEMO_EDIT_AFTER)
                later = await ingest_targets(pipeline, demo.config, [str(SAMPLES_LATER)])
                print(f"\n{later.updated} article edited by its outlet since (bot/samples_later/).", file=sys.stderr)
                first_id = briefing.items[0].story.id
                first = next((s for s in await load_stories(await demo.db(), since=None) if s.id == first_id),
                             briefing.items[0].story)
                print('\nAsked: "/brief story 1"\n')
                db = await demo.db()
                proper = await quote_names(first.quotes, ArticleStore(db))  # as the story command: roles' capitals
                print(render_story_text(first, tz=UTC, additions=await story_additions(db, first), proper=proper))
        finally:
            await demo.close()
    return 0


async def _demo_question(app: App) -> None:
    from bot.answer.respond import ask
    from bot.answer.respond import render_text as render_answer
    from bot.cli_quotes import terminal_text
    from bot.store.articles import ArticleStore
    from bot.store.quotes import QuoteStore

    db = await app.db()
    question = "who said what about the bridge"
    print(f'Asked: "{question}"\n')
    print(terminal_text(render_answer(await ask(question, QuoteStore(db), ArticleStore(db), app.clock()))))
