"""The store's tables (SQLAlchemy Core), as the latest of the migrations in bot/store/migrations.py leaves them."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
TZ = sa.DateTime(timezone=True)

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
)

sources = sa.Table(
    "sources", metadata,
    sa.Column("key", sa.String(2048), primary_key=True),  # URL or path, as given
    sa.Column("kind", sa.String(16), nullable=False, default=""),
    sa.Column("name", sa.Text, nullable=False, default=""),
    sa.Column("added_at", TZ),
    sa.Column("last_fetch_at", TZ),
    sa.Column("last_ok_at", TZ),
    sa.Column("last_error", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("failures", sa.Integer, nullable=False, default=0),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("next_poll_at", TZ),
    sa.Column("interval_seconds", sa.Integer, nullable=False, default=1800),
    sa.Column("articles", sa.Integer, nullable=False, default=0),
    # v21: the address the source's articles take their GUID-based ids from (bot/ingest/canonical.py article_id
    # scope): its first address once it moved (SourceStore.move), so a moved feed's items keep their ids; one of its own
    # for a source added later at such an old address (SourceStore.ensure); NULL: its key
    sa.Column("id_scope", sa.Text),
    # v23: where a [[sources]] entry's feed moved for good (301/308) as its last good read found, until the config
    # names that address and the next start moves the source there (bot/cli_run_bot.py); its own column, so a failed
    # poll, whose error replaces the note `briefbot sources` shows, does not lose the move; NULL: none pending
    sa.Column("moved_to", sa.Text),
)

articles = sa.Table(
    "articles", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("guid", sa.Text),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("outlet", sa.Text, nullable=False, default=""),
    sa.Column("author", sa.Text),
    sa.Column("published", TZ),
    sa.Column("language", sa.String(16), nullable=False, default="en"),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("fetched", TZ),
    sa.Column("stored_at", TZ, nullable=False),
    sa.Column("updated_at", TZ, nullable=False),
    sa.Column("story_id", sa.String(80)),
    sa.Column("revision", sa.Integer, nullable=False, default=1),
    # v14: the story's article this one's text repeats (bot/outlets.py copy_marks), "" for none; NULL until the
    # summarise step works it out for its story (rows from before v14, a new or edited article not yet summarised)
    sa.Column("copy_of", sa.String(64)),
    # v19: where the text came from: "feed", "page" or "file" (bot/models.py TextSource), so a feed's teaser never
    # replaces a page's text (bot/ingest/full_text.py may_replace); "" for a row stored before v19 whose origin the
    # upgrade could not tell (a feed's item: its teaser or its page's text), judged as before
    sa.Column("text_source", sa.String(8), nullable=False, default="", server_default=""),
    # v27: when its feed last said the item changed (Atom <updated>, JSON Feed date_modified), the latest seen; NULL
    # when the feed never said (RSS) or for a row stored before v27 (its next read fills it in): a later one read is
    # an edit, its page read again (bot/ingest/full_text.py stored_teasers)
    sa.Column("feed_updated", TZ),
    sa.Index("ix_articles_url", "url"),
    sa.Index("ix_articles_guid", "guid"),
    sa.Index("ix_articles_hash", "content_hash"),
    sa.Index("ix_articles_story", "story_id"),
    # v20: a story's articles by time, with their ids (bot/store/quotes.py ranks them from the index alone)
    sa.Index("ix_articles_story_time", "story_id", "published", "stored_at", "id"),
    sa.Index("ix_articles_stored", "stored_at"),
    # v27: a feed's stored items without a GUID by date, what a republication at a new link is matched against
    # (bot/store/relinked.py candidates), however far back its date
    sa.Index("ix_articles_relink", "source", "published", sqlite_where=sa.text("guid IS NULL"),
             postgresql_where=sa.text("guid IS NULL")),
)

sentences = sa.Table(
    "sentences", metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("char_start", sa.Integer, nullable=False),
    sa.Column("char_end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("headline", sa.Text, nullable=False, default=""),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("first_seen", TZ),
    sa.Column("updated", TZ),
    sa.Column("changed_at", TZ),  # when its articles or summary last changed (store time)
    sa.Column("size", sa.Integer, nullable=False, default=0),
    sa.Column("profile", sa.Text, nullable=False, default=""),
    sa.Column("summary", sa.Text, nullable=False, default="[]"),
    sa.Index("ix_stories_updated", "updated"),
    sa.Index("ix_stories_changed", "changed_at"),
)

attributions = sa.Table(
    "attributions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("speaker", sa.Text, nullable=False),
    sa.Column("speaker_as_written", sa.Text, nullable=False),
    sa.Column("cue", sa.Text, nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("char_start", sa.Integer, nullable=False),
    sa.Column("char_end", sa.Integer, nullable=False),
    sa.Column("role", sa.Text),
    sa.Index("ix_attr_article", "article_id"),
    sa.Index("ix_attr_speaker", "speaker"),
)

# v2: channels, topics, schedules and the delivery ledger (bot/store/channels.py, bot/store/ledger.py)
channels = sa.Table(
    "channels", metadata,
    sa.Column("key", sa.String(300), primary_key=True),  # "slack:C0123"
    sa.Column("schedule", sa.Text, nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("quiet_hours", sa.String(32), nullable=False, default=""),
    sa.Column("max_stories", sa.Integer, nullable=False, default=0),
    sa.Column("paused", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("slots_from", TZ, nullable=False),  # slots at or before this are never due (set-up changed)
    sa.Column("delivered_up_to", TZ),  # watermark: stories changed before this were considered
    sa.Column("last_error", sa.Text),
    # breaking alerts: a story new to the channel is posted at once when this many outlets carry it (0 = off)
    sa.Column("alert_outlets", sa.Integer, nullable=False, default=0, server_default="0"),
    # v12: how much of each story its briefings show: full, short or headlines (digests/length.py)
    sa.Column("length", sa.String(16), nullable=False, default="full", server_default="full"),
    # v17: the languages its briefings carry, ISO 639-1 codes separated by spaces ("en fr"); "": every language
    # (bot/channel_languages.py, bot/language_screen.py)
    sa.Column("languages", sa.String(400), nullable=False, default="", server_default=""),
)

subscriptions = sa.Table(
    "subscriptions", metadata,
    sa.Column("channel", sa.String(300), sa.ForeignKey("channels.key", ondelete="CASCADE"), primary_key=True),
    sa.Column("topic", sa.String(400), primary_key=True),
    sa.Column("added_at", TZ, nullable=False),
    sa.Column("added_by", sa.Text, nullable=False, default=""),
)

channel_sources = sa.Table(
    "channel_sources", metadata,
    sa.Column("channel", sa.String(300), sa.ForeignKey("channels.key", ondelete="CASCADE"), primary_key=True),
    sa.Column("source", sa.String(2048), primary_key=True),
    sa.Column("added_at", TZ, nullable=False),
)

deliveries = sa.Table(
    "deliveries", metadata,
    sa.Column("channel", sa.String(300), primary_key=True),
    sa.Column("slot", sa.String(40), primary_key=True),  # UTC ISO instant, fixed width: sorts by time
    sa.Column("kind", sa.String(16), nullable=False),  # scheduled, catch-up, manual
    sa.Column("state", sa.String(16), nullable=False),  # pending, posting, delivered, empty, skipped, failed
    sa.Column("covers", sa.Text, nullable=False, default="[]"),  # other slots this row stands for
    sa.Column("cutoff", TZ, nullable=False),  # stories were chosen as of this instant
    sa.Column("story_ids", sa.Text, nullable=False, default="[]"),
    sa.Column("message_ids", sa.Text, nullable=False, default="[]"),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("retry_at", TZ),
    sa.Column("error", sa.Text),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("updated_at", TZ, nullable=False),
    # v15: the channel's length (full, short, headlines) when the slot was composed, so a retry or a catch-up posts
    # it as composed (bot/delivery.py replay); NULL: claimed before v15 (posted at the channel's length of the
    # moment), or a row with nothing to post (skipped)
    sa.Column("length", sa.String(16)),
    sa.Index("ix_deliveries_state", "state"),
)

channel_stories = sa.Table(
    "channel_stories", metadata,
    sa.Column("channel", sa.String(300), primary_key=True),
    sa.Column("story_id", sa.String(80), primary_key=True),
    sa.Column("slot", sa.String(40), nullable=False),
    sa.Column("delivered_at", TZ, nullable=False),
)

channel_mutes = sa.Table(  # stories a channel asked to hear no more of (nor of their follow-ups)
    "channel_mutes", metadata,
    sa.Column("channel", sa.String(300), sa.ForeignKey("channels.key", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_id", sa.String(80), primary_key=True),
    sa.Column("muted_at", TZ, nullable=False),
    sa.Column("muted_by", sa.Text, nullable=False, default=""),
)

quote_speakers = sa.Table(
    "quote_speakers", metadata,
    sa.Column("canonical", sa.String(300), primary_key=True),
    sa.Column("surname", sa.String(120), nullable=False),
    sa.Column("role", sa.Text),
    sa.Column("mentions", sa.Integer, nullable=False, default=0),
    sa.Index("ix_quote_speakers_surname", "surname"),
)

# v4: follow-ups (bot/store/ledger.py): which articles of each story a channel has seen, and what a
# claimed slot carries (so a restart re-posts the same content)
channel_articles = sa.Table(
    "channel_articles", metadata,
    sa.Column("channel", sa.String(300), primary_key=True),
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("story_id", sa.String(80), nullable=False),
    sa.Column("slot", sa.String(40), nullable=False),
    sa.Index("ix_channel_articles_story", "channel", "story_id"),
)

delivery_contents = sa.Table(
    "delivery_contents", metadata,
    sa.Column("channel", sa.String(300), primary_key=True),
    sa.Column("slot", sa.String(40), primary_key=True),
    sa.Column("contents", sa.Text, nullable=False),  # JSON: title, since, stories with their articles
)

# v9: teaser pages to ask for again (bot/store/page_retries.py); no foreign key, since an entry is written
# before the feed's item is stored (retention deletes an entry with its article, or once it is orphaned and stale)
page_retries = sa.Table(
    "page_retries", metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("next_at", TZ, nullable=False),
    sa.Index("ix_page_retries_next", "next_at"),
)

# v10: articles retention removed, remembered so a feed that still carries one does not bring it back
pruned_articles = sa.Table(
    "pruned_articles", metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("cutoff", TZ, nullable=False),  # the cut-off of the prune that removed it (expiry counts from it)
    sa.Index("ix_pruned_articles_cutoff", "cutoff"),
)

# v11: stories a channel tracks: their follow-ups are posted there at once (bot/alerts.py), whatever its topics
channel_tracks = sa.Table(
    "channel_tracks", metadata,
    sa.Column("channel", sa.String(300), sa.ForeignKey("channels.key", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_id", sa.String(80), primary_key=True),
    sa.Column("tracked_at", TZ, nullable=False),
    sa.Column("tracked_by", sa.Text, nullable=False, default=""),
)

# v13: what each edit of an article changed (bot/store/revisions.py, bot/nlp/revisions.py): one row per edit whose
# text changed, the latest MAX_ROWS_PER_ARTICLE of each article kept; retention deletes them with their article
article_revisions = sa.Table(
    "article_revisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("seen_at", TZ, nullable=False),  # store time of the edited version
    sa.Column("revision", sa.Integer, nullable=False),  # articles.revision of the edited version
    sa.Column("title_before", sa.Text),  # both set only when the headline changed
    sa.Column("title_after", sa.Text),
    sa.Column("changes", sa.Text, nullable=False, default="[]"),  # JSON [[before, after, why], ...], text order
    sa.Column("omitted", sa.Integer, nullable=False, default=0),  # changes past the caps, not kept
    sa.Column("expanded", sa.Boolean, nullable=False, default=False),  # a teaser replaced by its page's text
    sa.Column("why", sa.String(16), nullable=False, default=""),  # the most important reason it matters
    sa.Column("substantive", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_article_revisions_article", "article_id", "id"),
)

# v16: messages addressed to the bot that a run claimed to answer (bot/store/answered.py), so an event the platform
# delivers again, even after a restart, is answered once: not again once done, taken over by a later run if the run
# that claimed it died before answering (on a redelivery, or at the next start from the question kept with the claim);
# a claim older than a day goes at a later one
answered_messages = sa.Table(
    "answered_messages", metadata,
    sa.Column("channel", sa.String(300), primary_key=True),  # "slack:C0123"
    sa.Column("message", sa.String(64), primary_key=True),  # the platform's id of the message (Slack: its ts)
    sa.Column("claimed_at", TZ, nullable=False),  # when it was claimed (or taken over)
    sa.Column("owner", sa.String(64), nullable=False),  # the run that claimed it: a token made once per run
    sa.Column("done", sa.Boolean, nullable=False, default=False),  # its answer was posted (or given up)
    # what the adapter needs to answer it (opaque to the store; Slack's: JSON), so the next run can answer a message
    # whose run stopped before answering it; cleared once done
    sa.Column("question", sa.Text, nullable=True),
    sa.Index("ix_answered_messages_at", "claimed_at"),
)

# v18: the [[channels]] entry each channel was made from, as the file gave it (bot/store/channel_entries.py): the
# effective value of each of its keys as canonical JSON and that text's SHA-256, so a start tells an edit of the file
# (warned about, bot/channel_drift.py) from a change made from chat (not); no row: a channel not made from the file
channel_entries = sa.Table(
    "channel_entries", metadata,
    sa.Column("channel", sa.String(300), sa.ForeignKey("channels.key", ondelete="CASCADE"), primary_key=True),
    sa.Column("entry", sa.Text, nullable=False),  # {"alerts": 0, "languages": [], "length": "full", ...}
    sa.Column("digest", sa.String(64), nullable=False),  # SHA-256 (hex) of ``entry``
    sa.Column("recorded_at", TZ, nullable=False),
)
