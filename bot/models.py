"""Plain frozen dataclasses passed between the stages of the pipeline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

AttributionKind = Literal["direct", "indirect", "mixed"]
# How much of each story a briefing shows (digests/length.py): everything; one summary sentence and the sources
# on one line; or the headline, outlet count and links. A channel chooses (``/brief length``).
BriefingLength = Literal["full", "short", "headlines"]
BRIEFING_LENGTHS: tuple[BriefingLength, ...] = ("full", "short", "headlines")
# Where an article's text came from (articles.text_source, schema v19): its feed's item as the feed gave it, its page's
# main text (fetched for a feed's teaser, or a page read as such), a local file; "" not said (the pipeline fills it in
# from its source's kind) or, stored, unknown (a row stored before v19 whose origin the upgrade could not tell)
TextSource = Literal["feed", "page", "file", ""]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article's clean text; ``text == article.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, normalised from whatever source it came from."""

    id: str  # stable: derived from the GUID, else the canonical URL, else the text
    url: str  # canonical URL ("" for local files without one)
    title: str
    outlet: str  # the publication / source name shown to readers
    text: str  # clean main text, page junk removed
    sentences: tuple[Sentence, ...]
    published: datetime | None = None  # timezone-aware when known
    author: str | None = None
    language: str = "en"
    guid: str | None = None
    source: str = ""  # where it was ingested from: feed URL, page URL or file path
    content_hash: str = ""  # hash of the normalised text, for same-text dedupe
    fetched: datetime | None = None
    # the link is shared by other items of its source with other texts (a feed linking every item to its home
    # page): it names no one article, so dedupe does not match by it and no full text is fetched from it (not stored)
    link_shared: bool = False
    # the link is an episode's audio or video file (its feed gave it no page) or a YouTube video's watch page (a
    # player, no article): shown, never fetched for full text (not stored)
    link_media: bool = False
    text_source: TextSource = field(default="", compare=False)  # where ``text`` came from (TextSource)
    # when its feed says the item last changed (Atom <updated>, JSON Feed date_modified; None: not said, as RSS):
    # a later one than stored is an edit even under the same headline and teaser (bot/ingest/full_text.py)
    updated: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class IngestProblem:
    """A named input that could not be ingested, and why (one clear line)."""

    input: str
    reason: str
    kept: bool = False  # a note, not an error: the item was stored anyway (a teaser whose page was not used)


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A summary sentence with its provenance: article, sentence index and character span."""

    text: str
    article_id: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what: one quote or reported statement found in an article."""

    article_id: str
    speaker: str  # canonical speaker ("Mark Rutte", "unnamed Russian embassy spokesperson")
    speaker_as_written: str  # as the text has it ("he", "Rutte", "the official")
    cue: str  # "said", "according to", ...
    content: str
    kind: AttributionKind
    sentence: int
    start: int  # character offsets of the content in the article text
    end: int
    role: str | None = None  # role or affiliation when the text gives one
    # the particle the text puts between a one-word phrasal cue and the content ("to" of "pointed to cyclical
    # surges", bot/nlp/phrasal_cues.py), so a briefing shows "pointed to" without the article text; "" for none
    cue_particle: str = ""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One outlet's article as cited by a story."""

    article_id: str
    name: str
    url: str
    title: str
    published: datetime | None
    copy_of: str | None = None  # the article id of the story's source whose text this one repeats (bot/outlets.py)
    file: str = ""  # a local file's name when the article was read from one and has no link (bot/ingest/local_paths.py)


@dataclass(frozen=True, slots=True)
class RevisionNote:
    """An edit of one article that matters to a reader (bot/nlp/revisions.py), as it is told: its most important
    change, both sides shortened to what changed (``before`` empty: a sentence was added; ``after`` empty: one
    was removed; ``why`` "headline": the headline changed)."""

    article_id: str
    outlet: str
    seen_at: datetime  # when briefbot stored the edited version
    why: str  # correction, number, quote, headline, negation, name, removed, added or wording
    before: str
    after: str
    others: int = 0  # other changes that matter, in this edit (or in the edits this note stands for)


@dataclass(frozen=True, slots=True)
class Story:
    """One event as reported by one or more outlets."""

    id: str
    headline: str
    sources: tuple[SourceRef, ...]
    summary: tuple[SummarySentence, ...]
    quotes: tuple[Attribution, ...] = ()
    first_seen: datetime | None = None
    updated: datetime | None = None  # latest article time in the story
    url: str = ""  # link for the headline (the lead source)
    revisions: tuple[RevisionNote, ...] = ()  # edits of its articles that matter, oldest first (bot/store/revisions.py)


@dataclass(frozen=True, slots=True)
class BriefingItem:
    """A story placed in a briefing, with its rank score and why it was included."""

    story: Story
    score: float
    why: str = ""  # "matched: Bucharest — in 2 sentences and 1 quote"
    new_since: tuple[SummarySentence, ...] = ()  # what is new since the channel last saw it
    revised: tuple[RevisionNote, ...] = ()  # edits that matter of articles it saw, since it last saw the story
    new: tuple[str, ...] = ()  # a follow-up: the article ids of its reports the channel has not seen (marked "new")


@dataclass(frozen=True, slots=True)
class Briefing:
    """Stories selected and ordered for one reader or channel at one moment."""

    title: str
    generated: datetime
    items: tuple[BriefingItem, ...]
    since: datetime | None = None
    topic: str | None = None
    # past the cap: "and N more"; an on-demand briefing's come without quotes and revisions (bot/briefings.py)
    more: tuple[BriefingItem, ...] = field(default=())
    length: BriefingLength = "full"  # how much of each story renderers show; the data stays whole


Platform = Literal["slack", "discord", "console", "slack-webhook", "discord-webhook"]
PLATFORMS: tuple[Platform, ...] = ("slack", "discord", "console", "slack-webhook", "discord-webhook")
# how a channel is written, for error messages (a webhook channel's NAME is the config's, its URL a secret)
CHANNEL_FORMS = '"slack:ID", "discord:ID", "console:NAME", "slack-webhook:NAME" or "discord-webhook:NAME"'


# a typo in a platform's channel id would make a channel no platform knows, whose briefings then fail for good
_ID_SHAPES = {
    "slack": (re.compile(r"[A-Z0-9]+"), "a Slack channel id is capitals and digits, like C0123456789 (the channel's "
              "details show it)"),
    "discord": (re.compile(r"[0-9]+"), "a Discord channel id is digits, like 123456789012345678 (Copy Channel ID, "
                "with Developer Mode on)"),
}


def channel_id_problem(platform: str, ident: str) -> str:
    """Why ``ident`` cannot be a channel id of ``platform`` ("" when it has the platform's shape)."""
    shape = _ID_SHAPES.get(platform)
    return shape[1] if shape is not None and not shape[0].fullmatch(ident) else ""


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """A chat channel, written ``slack:C0123``, ``discord:1234``, ``console:main`` or, for a channel reached only
    through a webhook, ``slack-webhook:newsdesk`` / ``discord-webhook:newsdesk``; with ``is_user``, a platform user's
    id, to be reached by a direct message (failure notices to a channel's configurers)."""

    platform: str
    id: str
    is_user: bool = False

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.id}"

    @classmethod
    def parse(cls, text: str) -> ChannelRef:
        platform, sep, ident = text.strip().partition(":")
        if not sep or not ident or platform not in PLATFORMS:
            raise ValueError(f"expected {CHANNEL_FORMS}, got {text!r}")
        return cls(platform, ident)
