"""The configuration's shape: frozen dataclasses with their defaults, the file's sections, the limits checked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class ConfigError(ValueError):
    """A bad configuration value, reported with its key path: ``channels[2].schedule: ...``; ``problems``: every
    one found in the file (``ConfigError.of``), each such a line; one alone reads as before."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = tuple(problems) or (message,)

    @classmethod
    def of(cls, errors: Sequence[ConfigError]) -> ConfigError:
        """One error holding every problem of ``errors``, in order; its text is their lines."""
        problems = [p for e in errors for p in e.problems]
        return cls("\n".join(problems), problems)


def collect(errors: list[ConfigError], check: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
    """``check(*args, **kwargs)``'s value; None when it raised ConfigError, which is added to ``errors``: the checks
    after it still run, so every problem of a file is said in one run (``ConfigError.of(errors)`` at the end)."""
    try:
        return check(*args, **kwargs)
    except ConfigError as exc:
        errors.append(exc)
        return None


def read_as(key: str, parse: Callable[[str], object], text: str) -> None:
    """``text`` read by ``parse``; its ValueError a ConfigError naming ``key`` (with ``collect``: every one said)."""
    try:
        parse(text)
    except ValueError as exc:
        reason = str(exc).removeprefix("--since: ").removeprefix(": ")  # parse_since's, parse_duration's own key
        raise ConfigError(f"{key}: {reason}") from None


@dataclass(frozen=True)
class Secret:
    """A secret value that never shows itself in logs, reprs or tracebacks."""

    env_name: str
    value: str = field(repr=False, default="")

    def __str__(self) -> str:
        return f"<secret from ${self.env_name}>"

    def __bool__(self) -> bool:
        return bool(self.value)


# A restart reloads stories from the last 7 days (bot/pipeline.py RECOVERY_WINDOW): retention keeps at least that.
MIN_KEEP_DAYS = 7
# a story window shorter than the lag between outlets splits every story; longer than a month, unrelated events on
# one subject merge and a restart reads months of story profiles
MIN_STORY_WINDOW, MAX_STORY_WINDOW = timedelta(hours=6), timedelta(days=30)
MIN_ALERT_OUTLETS, MAX_ALERT_OUTLETS = 2, 10  # breaking alerts: one outlet is not "breaking", ten is plenty
MAX_SENTENCES = 1_000_000  # per article; below bot/store/fts_rows.SENTENCE_STRIDE


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = ""  # "" = SQLite file in the user's data directory
    keep_days: int = 90  # stories whose newest article is older are deleted (bot/store/retention.py); 0 = forever
    # PostgreSQL: each schema migration statement ends after this many seconds (bot/store/db.py
    # MIGRATION_STATEMENT_SECONDS); 0 = no limit
    migration_statement_timeout_seconds: float = 1800.0


@dataclass(frozen=True)
class IngestConfig:
    timeout_seconds: float = 20.0
    connect_timeout_seconds: float = 10.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = "briefbot/0.1 (+https://github.com/briefbot/briefbot)"
    allow_private_networks: bool = False  # link-local and cloud metadata addresses stay refused even so
    # hosts ("feeds.internal" or "feeds.internal:8080") fetched whatever their address: the narrow alternative
    trusted_hosts: tuple[str, ...] = ()
    max_sentences: int = 2000
    max_sentence_chars: int = 2000
    full_text: bool = True  # a feed item with a short body gets its article page's main text (bot/ingest/full_text.py)
    full_text_min_words: int = 150  # ... a body shorter than this is a teaser
    full_text_max_per_source: int = 20  # ... at most this many pages per read of one feed
    respect_robots: bool = True  # those page fetches honour robots.txt (RFC 9309) and its Crawl-delay


@dataclass(frozen=True)
class BriefingConfig:
    max_stories: int = 10
    summary_sentences: int = 3
    default_since: str = "24h"
    timezone: str = "UTC"
    # a briefing (scheduled, or on demand with a "since") takes stories whose newest article was published at
    # most this long before the period it covers (feeds publish late); a new feed's back catalogue stays out
    publication_grace: str = "48h"


@dataclass(frozen=True)
class SourceHeader:
    """One request header of a source; its value comes from an environment variable (``headers_env``)."""

    name: str
    value: Secret


@dataclass(frozen=True)
class SourceConfig:
    url: str = ""  # required
    name: str = ""  # shown instead of the feed's own title ("" = the feed's title)
    interval: str = ""  # "" = [scheduler] poll_interval
    # from ``headers_env = { "X-Api-Key" = "WIRE_KEY" }``: sent only to the source's own origin
    headers: tuple[SourceHeader, ...] = ()


@dataclass(frozen=True)
class ChannelConfig:
    id: str = ""  # "slack:C0123", "discord:1234", "console:main" (required)
    topics: tuple[str, ...] = ()
    schedule: str = "daily 08:00"
    timezone: str = ""  # "" = briefing.timezone
    quiet_hours: str = ""  # "22:00-07:00"
    max_stories: int = 0  # 0 = briefing.max_stories
    alerts: int = 0  # breaking alerts: post a new story at once when this many outlets carry it (0 = off)
    length: str = "full"  # how much of each story its briefings show: full, short or headlines (digests/length.py)
    languages: tuple[str, ...] = ()  # ISO 639-1 codes of the stories its briefings carry; () = every language
    # a "slack-webhook:NAME" / "discord-webhook:NAME" channel posts to this URL, read from ``webhook_url_env``
    webhook_url: Secret = Secret("")


@dataclass(frozen=True)
class StoriesConfig:
    # an article joins a story whose reports span, give or take this, its publication time (bot/nlp/cluster.py);
    # 96h was chosen on the AllSides development half (docs/QUALITY.md): longer keeps slow stories together
    window: str = "96h"
    join_languages: bool = True  # reports of one event in different languages become one story (names, numbers)
    # a story of undated reports (local files) ranks as first seen this many hours earlier (digests/compose.py)
    undated_penalty_hours: int = 6


@dataclass(frozen=True)
class SchedulerConfig:
    poll_interval: str = "30m"
    poll_jitter_seconds: int = 60
    catch_up_grace: str = "6h"
    max_failures_before_disable: int = 6
    max_backoff: str = "6h"
    # a channel that refused this many briefings in a row (deleted, bot removed), the first at least
    # pause_after_refused_for before the latest, is paused (bot/refusal_pause.py); 0 = never
    pause_after_refusals: int = 3
    pause_after_refused_for: str = "24h"
    # channels delivered at the same time (bot/channel_turns.py), and how long one may post before it gives its turn
    # back and is left to finish on its own
    channels_at_once: int = 4
    delivery_deadline: str = "2m"


@dataclass(frozen=True)
class SlackConfig:
    enabled: bool = False
    mode: str = "socket"  # "socket" or "http"
    bot_token: Secret = Secret("SLACK_BOT_TOKEN")
    app_token: Secret = Secret("SLACK_APP_TOKEN")
    signing_secret: Secret = Secret("SLACK_SIGNING_SECRET")
    http_host: str = "127.0.0.1"
    http_port: int = 3000
    command: str = "/brief"
    api_base_url: str = ""  # "" = Slack's; tests point it at a local server
    admins: tuple[str, ...] = ()  # user ids allowed to manage channels besides channel managers


@dataclass(frozen=True)
class DiscordConfig:
    enabled: bool = False
    token: Secret = Secret("DISCORD_TOKEN")
    application_id: str = ""
    guild_ids: tuple[str, ...] = ()  # sync commands to these guilds (fast); empty = globally
    sharded: bool = False
    thread_per_briefing: bool = False
    api_base_url: str = ""  # "" = Discord's; tests point it at a local server
    gateway_url: str = ""
    admins: tuple[str, ...] = ()
    catch_up: bool = True  # at start, answer the mentions and DMs of the last hour sent while no run was connected


@dataclass(frozen=True)
class HealthConfig:
    listen: str = ""  # "" = off; "127.0.0.1:8081" serves /healthz and /readyz there (bot/health.py)
    token: Secret = Secret("")  # token_env names the variable; "" = no authentication (/healthz is always open)


@dataclass(frozen=True)
class CommandsConfig:
    # chat commands that read many stories (brief, whosaid, ask, story, why, preview): how many run at once
    max_concurrent: int = 4  # 0 = no limit; one person never runs two at once either way
    max_waiting: int = 16  # beyond max_concurrent, how many wait their turn; the next are told to try again


@dataclass(frozen=True)
class Config:
    database: DatabaseConfig = DatabaseConfig()
    ingest: IngestConfig = IngestConfig()
    briefing: BriefingConfig = BriefingConfig()
    stories: StoriesConfig = StoriesConfig()
    scheduler: SchedulerConfig = SchedulerConfig()
    slack: SlackConfig = SlackConfig()
    discord: DiscordConfig = DiscordConfig()
    health: HealthConfig = HealthConfig()
    commands: CommandsConfig = CommandsConfig()
    sources: tuple[SourceConfig, ...] = ()
    channels: tuple[ChannelConfig, ...] = ()
    log_level: str = "INFO"


SECTIONS: dict[str, type] = {
    "database": DatabaseConfig,
    "ingest": IngestConfig,
    "briefing": BriefingConfig,
    "stories": StoriesConfig,
    "scheduler": SchedulerConfig,
    "slack": SlackConfig,
    "discord": DiscordConfig,
    "health": HealthConfig,
    "commands": CommandsConfig,
}
