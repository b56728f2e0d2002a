"""The versioned, append-only list of schema migrations that create and change the tables of bot/store/schema.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.schema import (
    answered_messages,
    article_revisions,
    articles,
    channel_articles,
    channel_entries,
    channel_mutes,
    channel_stories,
    channel_tracks,
    delivery_contents,
    metadata,
    page_retries,
    pruned_articles,
    quote_speakers,
    sources,
)

V1_TABLES = ("sources", "articles", "sentences", "stories", "attributions")


async def _v1_core(conn: AsyncConnection, dialect: str) -> None:
    """Sources, articles, sentences, stories, attributions, and full-text indexes."""
    tables = [metadata.tables[name] for name in V1_TABLES]
    await conn.run_sync(lambda c: metadata.create_all(c, tables=tables))
    if dialect == "sqlite":
        await conn.execute(sa.text(
            "CREATE VIRTUAL TABLE article_fts USING fts5("
            "article_id UNINDEXED, title, body, tokenize='porter unicode61')"))
        await conn.execute(sa.text(
            "CREATE VIRTUAL TABLE sentence_fts USING fts5("
            "article_id UNINDEXED, idx UNINDEXED, body, tokenize='porter unicode61')"))
    else:
        await conn.execute(sa.text(
            "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', text), 'B')) STORED"))
        await conn.execute(sa.text("CREATE INDEX ix_articles_tsv ON articles USING GIN (tsv)"))
        await conn.execute(sa.text(
            "ALTER TABLE sentences ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
            "to_tsvector('english', text)) STORED"))
        await conn.execute(sa.text("CREATE INDEX ix_sentences_tsv ON sentences USING GIN (tsv)"))


V2_TABLES = ("channels", "subscriptions", "channel_sources", "deliveries", "channel_stories")


async def _v2_channels(conn: AsyncConnection, dialect: str) -> None:
    """Channels, subscriptions, followed sources, the delivery ledger and stories delivered per channel."""
    tables = [metadata.tables[name] for name in V2_TABLES]
    await conn.run_sync(lambda c: metadata.create_all(c, tables=tables))


async def _v3_quote_topics(conn: AsyncConnection, dialect: str) -> None:
    """Attributions get the text their topic is matched on (content, sentence, referred-to sentence)
    with a full-text index, and a small table of canonical speakers."""
    await conn.run_sync(lambda c: quote_speakers.create(c, checkfirst=True))
    await conn.execute(sa.text("ALTER TABLE attributions ADD COLUMN topic_text TEXT NOT NULL DEFAULT ''"))
    if dialect == "sqlite":
        await conn.execute(sa.text(
            "CREATE VIRTUAL TABLE attribution_fts USING fts5("
            "attr_id UNINDEXED, speaker, body, tokenize='porter unicode61')"))
    else:
        await conn.execute(sa.text(
            "ALTER TABLE attributions ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
            "to_tsvector('english', topic_text)) STORED"))
        await conn.execute(sa.text(
            "ALTER TABLE attributions ADD COLUMN speaker_tsv tsvector GENERATED ALWAYS AS ("
            "to_tsvector('simple', speaker || ' ' || speaker_as_written || ' ' || coalesce(role, ''))) STORED"))
        await conn.execute(sa.text("CREATE INDEX ix_attr_tsv ON attributions USING GIN (tsv)"))
        await conn.execute(sa.text("CREATE INDEX ix_attr_speaker_tsv ON attributions USING GIN (speaker_tsv)"))


async def _v4_followups(conn: AsyncConnection, dialect: str) -> None:
    """Articles seen per channel (back-filled: a delivered story's articles stored before its delivery)
    and the contents of each claimed slot."""
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[channel_articles, delivery_contents]))
    cs, a = channel_stories, articles
    await conn.execute(channel_articles.insert().from_select(
        ["channel", "article_id", "story_id", "slot"],
        sa.select(cs.c.channel, a.c.id, cs.c.story_id, cs.c.slot)
        .select_from(cs.join(a, a.c.story_id == cs.c.story_id))
        .where(a.c.stored_at <= cs.c.delivered_at)))


async def _v5_retention_indexes(conn: AsyncConnection, dialect: str) -> None:
    """Indexes retention deletes by (bot/store/retention.py): a channel's seen articles and delivered stories
    by article and by story, so a daily prune does not scan every channel's history."""
    await conn.execute(sa.text("CREATE INDEX ix_channel_articles_article ON channel_articles (article_id)"))
    await conn.execute(sa.text("CREATE INDEX ix_channel_stories_story ON channel_stories (story_id)"))


_FTS_REBUILD = (
    # (table, columns as created in v1/v3, rowid and column values from the old rows)
    ("article_fts", "article_id UNINDEXED, title, body",
     "SELECT a.seq, f.article_id, f.title, f.body FROM article_fts f JOIN articles a ON a.id = f.article_id"),
    ("sentence_fts", "article_id UNINDEXED, idx UNINDEXED, body",
     "SELECT a.seq * 1048576 + f.idx, f.article_id, f.idx, f.body FROM sentence_fts f "
     "JOIN articles a ON a.id = f.article_id"),
    ("attribution_fts", "attr_id UNINDEXED, speaker, body",
     "SELECT t.id, f.attr_id, f.speaker, f.body FROM attribution_fts f JOIN attributions t ON t.id = f.attr_id"),
)


async def _v6_fts_rowids(conn: AsyncConnection, dialect: str) -> None:
    """SQLite full-text rows get rowids derived from what they index (bot/store/fts_rows.py), so an edit or a
    prune deletes them by lookup instead of scanning; rows whose article or attribution is gone are dropped."""
    if dialect != "sqlite":
        return
    for table, columns, rows in _FTS_REBUILD:
        names = ", ".join(c.split()[0] for c in columns.split(", "))
        await conn.execute(sa.text(
            f"CREATE VIRTUAL TABLE {table}_v6 USING fts5({columns}, tokenize='porter unicode61')"))
        await conn.execute(sa.text(f"INSERT INTO {table}_v6 (rowid, {names}) {rows}"))
        await conn.execute(sa.text(f"DROP TABLE {table}"))
        await conn.execute(sa.text(f"ALTER TABLE {table}_v6 RENAME TO {table}"))


async def _v7_alerts(conn: AsyncConnection, dialect: str) -> None:
    """channels.alert_outlets (breaking alerts); a store created at v2 by this code has it already."""
    have = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("channels")})
    if "alert_outlets" not in have:
        await conn.execute(sa.text("ALTER TABLE channels ADD COLUMN alert_outlets INTEGER NOT NULL DEFAULT 0"))


async def _v8_mutes(conn: AsyncConnection, dialect: str) -> None:
    """channel_mutes: stories a channel muted."""
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[channel_mutes]))


async def _v9_page_retries(conn: AsyncConnection, dialect: str) -> None:
    """page_retries: teaser pages that failed for a reason that may pass, kept across restarts."""
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[page_retries]))


async def _v10_pruned_articles(conn: AsyncConnection, dialect: str) -> None:
    """pruned_articles: ids retention removed, so ingesting them again is skipped."""
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[pruned_articles]))


async def _v11_tracks(conn: AsyncConnection, dialect: str) -> None:
    """channel_tracks: stories a channel tracks."""
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[channel_tracks]))


async def _v12_length(conn: AsyncConnection, dialect: str) -> None:
    """channels.length (full, short or headlines), full for every existing channel; a store created at v2 by this
    code has it already."""
    have = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("channels")})
    if "length" not in have:
        await conn.execute(sa.text("ALTER TABLE channels ADD COLUMN length VARCHAR(16) NOT NULL DEFAULT 'full'"))


async def _v13_revisions(conn: AsyncConnection, dialect: str) -> None:
    """article_revisions: what each edit of an article changed."""
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[article_revisions]))


async def _v14_copy_marks(conn: AsyncConnection, dialect: str) -> None:
    """articles.copy_of, NULL for every existing row (the loader works those out as before); a store created at v1
    by this code has it already."""
    have = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("articles")})
    if "copy_of" not in have:
        await conn.execute(sa.text("ALTER TABLE articles ADD COLUMN copy_of VARCHAR(64)"))


async def _v15_delivery_length(conn: AsyncConnection, dialect: str) -> None:
    """deliveries.length, NULL for every existing slot (posted at its channel's length, as before); a store created at
    v2 by this code has it already."""
    have = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("deliveries")})
    if "length" not in have:
        await conn.execute(sa.text("ALTER TABLE deliveries ADD COLUMN length VARCHAR(16)"))


async def _v16_answered_messages(conn: AsyncConnection, dialect: str) -> None:
    """answered_messages: the messages claimed for an answer lately, by which run, and whether it was answered."""
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[answered_messages]))


async def _v17_channel_languages(conn: AsyncConnection, dialect: str) -> None:
    """channels.languages, "" (every language) for every existing channel; a store created at v2 by this code has it
    already."""
    have = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("channels")})
    if "languages" not in have:
        await conn.execute(sa.text("ALTER TABLE channels ADD COLUMN languages VARCHAR(400) NOT NULL DEFAULT ''"))


async def _v18_channel_entries(conn: AsyncConnection, dialect: str) -> None:
    """channel_entries, empty: a channel made before it is compared as before at the next start, once (then its
    entry is recorded)."""
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[channel_entries]))


async def _v19_text_source(conn: AsyncConnection, dialect: str) -> None:
    """articles.text_source (a store created at v1 by this code has it already). A row stored before gets an origin only
    where the store can tell it: "file" when its source is a file or folder, "page" when its source is a page or a news
    sitemap (whose items are stored with their pages' text) or when an edit replaced its teaser by its page's text
    (article_revisions.expanded); a feed's other items stay "" (their text may be the teaser or a short page's text),
    judged as before (bot/ingest/full_text.py holds_teaser)."""
    have = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("articles")})
    if "text_source" not in have:
        await conn.execute(sa.text("ALTER TABLE articles ADD COLUMN text_source VARCHAR(8) NOT NULL DEFAULT ''"))
    a, s, r = articles.c, sources.c, article_revisions.c
    unknown = a.text_source == ""
    for origin, kinds in (("file", ("file", "folder")), ("page", ("page", "sitemap"))):
        await conn.execute(articles.update().where(unknown, a.source.in_(sa.select(s.key).where(s.kind.in_(kinds))))
                           .values(text_source=origin))
    await conn.execute(articles.update().where(unknown, a.id.in_(sa.select(r.article_id).where(r.expanded.is_(True))))
                       .values(text_source="page"))


async def _v20_story_times(conn: AsyncConnection, dialect: str) -> None:
    """ix_articles_story_time: each story's articles by time, with their ids, so the story-wide quote search
    (bot/store/quotes.py ``_matching_articles``) ranks a story's articles by time from the index alone instead of
    reading every article row (SQLite; PostgreSQL once the table is vacuumed). A store created at v1 by this code has
    it already."""
    await conn.execute(sa.text("CREATE INDEX IF NOT EXISTS ix_articles_story_time "
                               "ON articles (story_id, published, stored_at, id)"))


async def _v21_id_scopes(conn: AsyncConnection, dialect: str) -> None:
    """sources.id_scope, NULL for every existing source (its ids come from its key, as before); a store created at v1
    by this code has it already."""
    have = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("sources")})
    if "id_scope" not in have:
        await conn.execute(sa.text("ALTER TABLE sources ADD COLUMN id_scope TEXT"))


async def _v22_copy_marks_again(conn: AsyncConnection, dialect: str) -> None:
    """The stored copy marks worked out again with the rule of e1e0bcf (a teaser inside another outlet's article is no
    copy: bot/outlets.py is_copy): only a story with an article marked a copy can change, so only those are read."""
    from bot.store.copy_marks import recompute_marks

    await recompute_marks(conn)


# the note a v22 poller left a moved [[sources]] entry as its last error (bot/poller.py CONFIG_MOVE_NOTE then)
_V22_MOVE_START, _V22_MOVE_END = "moved permanently to ", ": update its url in [[sources]] in the config"


async def _v23_pending_moves(conn: AsyncConnection, dialect: str) -> None:
    """sources.moved_to (a store created at v1 by this code has it already), set from the note a move of a
    ``[[sources]]`` entry left in last_error before, so a start after the upgrade still finishes it."""
    have = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("sources")})
    if "moved_to" not in have:
        await conn.execute(sa.text("ALTER TABLE sources ADD COLUMN moved_to TEXT"))
    noted = (await conn.execute(sa.select(sources.c.key, sources.c.last_error).where(
        sources.c.last_error.startswith(_V22_MOVE_START, autoescape=True),
        sources.c.last_error.endswith(_V22_MOVE_END, autoescape=True)))).all()
    for key, note in noted:
        target = str(note).removeprefix(_V22_MOVE_START).removesuffix(_V22_MOVE_END)
        if target:
            await conn.execute(sources.update().where(sources.c.key == key).values(moved_to=target))


async def _v24_first_seen(conn: AsyncConnection, dialect: str) -> None:
    """stories.first_seen for the stories left without one (their first articles had no publication date, as local
    files have none): their articles' earliest date, an undated article counting from when it was stored, as new
    stories get it (bot/store/article_rows.py fill_first_seen)."""
    from bot.store.articles import fill_first_seen

    await fill_first_seen(conn, dialect, None)


async def _v25_cue_particles(conn: AsyncConnection, dialect: str) -> None:
    """attributions.cue_particle: the particle the text puts between a phrasal cue and the content ("to" of "pointed
    to cyclical surges"), "" for every existing row (shown as before: the bare cue in briefings, the particle read
    from the article text in answers) until `briefbot store requote` extracts it again."""
    await conn.execute(sa.text("ALTER TABLE attributions ADD COLUMN cue_particle TEXT NOT NULL DEFAULT ''"))


async def _v26_source_counts(conn: AsyncConnection, dialect: str) -> None:
    """sources.articles raised to the articles stored from each source where an older briefbot counted fewer (before
    each committed chunk was counted with it, a read an outage stopped counted none of what it had saved). Never
    lowered: a count also holds the articles retention removed since, which the store no longer has. One pass over
    the articles (grouped by source), then one update per source."""
    stored = (await conn.execute(sa.select(articles.c.source, sa.func.count()).group_by(articles.c.source))).all()
    if stored:
        await conn.execute(
            sources.update().where(sources.c.key == sa.bindparam("k"), sources.c.articles < sa.bindparam("n"))
            .values(articles=sa.bindparam("n")), [{"k": str(source), "n": int(n)} for source, n in stored])


async def _v27_feed_updated(conn: AsyncConnection, dialect: str) -> None:
    """articles.feed_updated, NULL for every existing row (a store created at v1 by this code has it already): the
    next read of a feed that dates its items' changes fills it in, without reading any page again. And
    ix_articles_relink: the rows without a GUID by source and date, which a republication at a new link is matched
    against (bot/store/relinked.py), so a far-past date reads its few rows, not every row stored since."""
    have = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("articles")})
    if "feed_updated" not in have:
        kind = "TIMESTAMP WITH TIME ZONE" if dialect == "postgresql" else "DATETIME"
        await conn.execute(sa.text(f"ALTER TABLE articles ADD COLUMN feed_updated {kind}"))
    await conn.execute(sa.text("CREATE INDEX IF NOT EXISTS ix_articles_relink ON articles (source, published) "
                               "WHERE guid IS NULL"))


Migration = Callable[[AsyncConnection, str], Awaitable[None]]

# Append-only: version N is MIGRATIONS[N - 1]. Never edit a migration that has shipped.
MIGRATIONS: tuple[Migration, ...] = (
    _v1_core,
    _v2_channels,
    _v3_quote_topics,
    _v4_followups,
    _v5_retention_indexes,
    _v6_fts_rowids,
    _v7_alerts,
    _v8_mutes,
    _v9_page_retries,
    _v10_pruned_articles,
    _v11_tracks,
    _v12_length,
    _v13_revisions,
    _v14_copy_marks,
    _v15_delivery_length,
    _v16_answered_messages,
    _v17_channel_languages,
    _v18_channel_entries,
    _v19_text_source,
    _v20_story_times,
    _v21_id_scopes,
    _v22_copy_marks_again,
    _v23_pending_moves,
    _v24_first_seen,
    _v25_cue_particles,
    _v26_source_counts,
    _v27_feed_updated,
)
