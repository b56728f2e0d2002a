"""Each channel chooses the languages of the stories its briefings carry (`languages fr`, `languages all`): stored
per channel (schema v17), from the verb, the config and the CLI, applied to scheduled briefings, breaking alerts and
`/brief`; a story with a report in a chosen language, or whose languages are unknown, passes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.config import Config, ConfigError, parse_config
from bot.delivery import Delivery
from bot.language_screen import LanguageScreen, profile_languages
from bot.models import ChannelRef, SummarySentence
from bot.nlp.anchors import language_key
from bot.nlp.cluster import StoryProfile
from bot.scheduler import Scheduler
from bot.store.articles import ArticleStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.stories import StoryRow, StoryStore
from tests import pg
from tests.channels.channel_fakes import make_article
from tests.channels.test_briefing_length import Chat
from tests.channels.test_followups import DAY1, REF, CapturingAdapter, World
from tests.old_store import upgraded

DESK = ChannelRef("console", "desk")  # a second channel that keeps every language
LANGUAGES_FROM = 17  # the schema version that added channels.languages
Report = tuple[str, str, str, str]  # outlet slug, language code, title, text

# Written for these tests (fictional): a French-only story, an English-only one, one of unknown languages (a profile
# saved before languages were recorded), and one told in English by two outlets and in French by a third.
FRENCH = [("tribune", "fr", "Le port de Valdmère rouvre son quai nord",
           "Le port de Valdmère rouvre son quai nord après six mois de travaux. Les ferries y accosteront dès lundi. "
           "La mairie promet des horaires élargis pour l'été."),
          ("courrier", "fr-CA", "Valdmère : le quai nord accueille de nouveau les ferries",
           "Après une demi-année de chantier, les ferries retrouvent lundi le quai nord de Valdmère. La ville "
           "annonce aussi plus de traversées en juillet. Les commerçants du port saluent la nouvelle.")]
ENGLISH = [("gazette", "en", "Korsholt opens a night bus line",
            "Korsholt will run a night bus from the station to the harbour from Friday. Buses leave every hour "
            "until four in the morning. The council pays for a trial of six months."),
           ("coastal", "en-GB", "Night buses come to Korsholt",
            "From Friday a night service links Korsholt station and the harbour once an hour. The trial lasts half "
            "a year and is funded by the council. Drivers were hired last month.")]
UNKNOWN = [("courier", "de", "Brückenfest in Ostrelle",
            "Ostrelle feiert am Samstag die neue Fußgängerbrücke. Ein Markt und Musik sind geplant. Die Brücke "
            "verbindet die Altstadt mit dem Park."),
           ("herald", "de", "Ostrelle eröffnet Fußgängerbrücke mit einem Fest",
            "Mit Musik und einem Markt weiht Ostrelle am Samstag seine Fußgängerbrücke ein. Sie führt von der "
            "Altstadt direkt in den Stadtpark. Gebaut wurde zwei Jahre lang.")]
MIXED = [("wire", "en", "Tarnholm library gets a rooftop garden",
          "The Tarnholm library opened a rooftop garden on Tuesday. Readers can borrow books to read among the "
          "plants. Volunteers will tend it through the summer."),
         ("daily", "en", "A garden on the library roof in Tarnholm",
          "Tarnholm's library now has a garden on its roof, opened to readers this week. Benches sit between "
          "raised beds of herbs. The city says the roof keeps the reading rooms cooler."),
         ("journal", "fr", "Un jardin sur le toit de la bibliothèque de Tarnholm",
          "La bibliothèque de Tarnholm a inauguré mardi un jardin sur son toit. Les lecteurs peuvent y emporter "
          "leurs livres. Des bénévoles l'entretiendront tout l'été.")]


async def add_reports(db: Database, story_id: str, reports: Sequence[Report], *, now: datetime,
                      known: bool = True) -> str:
    """Store each report (its own outlet, site and language) at ``now`` as one story, its profile recording its
    articles' languages (``known=False``: a profile saved before languages were recorded), summarised from the
    first report."""
    articles, stories = ArticleStore(db), StoryStore(db)
    saved = []
    for slug, language, title, text in reports:
        article = replace(make_article(text, title=title, outlet=slug.title(), url=f"https://{slug}.test/{story_id}",
                                       source=f"https://{slug}.test/feed.xml", published=now), language=language)
        saved.append(article)
        await articles.set_story((await articles.save(article, now=now)).article_id, story_id)
    profile = StoryProfile(story_id, terms=(), first=now, last=now, size=len(saved),
                           article_ids=tuple(a.id for a in saved), outlets=tuple(a.outlet for a in saved),
                           languages=tuple(language_key(a.language) for a in saved) if known else ())
    await stories.save_profile(story_id, profile.to_json(), first_seen=now, updated=now)
    lead = saved[0]
    summary = [SummarySentence(s.text, lead.id, s.index, s.start, s.end) for s in lead.sentences[:2]]
    await stories.save_summary(story_id, headline=lead.title, url=lead.url, summary=summary, size=len(saved),
                               changed_at=now, updated=now)
    return story_id


async def add_four(db: Database, now: datetime) -> None:
    await add_reports(db, "french", FRENCH, now=now)
    await add_reports(db, "english", ENGLISH, now=now + timedelta(minutes=1))
    await add_reports(db, "unknown", UNKNOWN, now=now + timedelta(minutes=2), known=False)
    await add_reports(db, "mixed", MIXED, now=now + timedelta(minutes=3))


def ids(items: Sequence[object]) -> set[str]:
    return {i.story.id for i in items}  # type: ignore[attr-defined]


# ---- the verb, the config and the command line ----

async def test_the_languages_verb(db: Database, config: Config) -> None:
    chat = Chat(db, config, ManualClock(DAY1))
    shown = await chat.say("languages", manager=False)
    assert not shown.error and shown.ephemeral
    assert shown.text.startswith("Briefings here carry stories in all languages. `languages fr de` keeps")
    assert await ChannelStore(db).all() == []  # showing creates no channel

    refused = await chat.say("languages fr", manager=False)
    assert refused.error and refused.ephemeral
    assert refused.text == ("Sorry, `languages <codes|all>` changes this channel's set-up and needs the "
                            "channel-management permission. Nothing was changed.")
    assert await ChannelStore(db).all() == []

    bad = await chat.say("languages en klingon")
    assert bad.error and bad.ephemeral
    assert bad.text == ("I could not use that: 'klingon' is not an ISO 639-1 language code or a language's English "
                        "name (expected English names such as `French German`, ISO 639-1 codes such as `fr de` "
                        "(`syr` for Syriac), or `all`).")
    assert await ChannelStore(db).all() == []
    assert "'xx' is not an ISO 639-1" in (await chat.say("languages xx")).text

    done = await chat.say("languages EN fr, fr")
    assert not done.error and done.text.startswith("Briefings here now carry stories in English (en), French (fr). "
                                                   "This holds for scheduled briefings, `brief` and breaking alerts")
    assert (await ChannelStore(db).get(REF)).languages == ("en", "fr")  # type: ignore[union-attr]
    assert (await chat.say("languages", manager=False)).text.startswith(
        "Briefings here carry stories in English (en), French (fr).")
    assert (await chat.say("languages", ref=DESK, manager=False)).text.startswith(
        "Briefings here carry stories in all languages.")

    cleared = await chat.say("languages all")
    assert not cleared.error and cleared.text.startswith("Briefings here now carry stories in all languages.")
    assert (await ChannelStore(db).get(REF)).languages == ()  # type: ignore[union-attr]
    assert (await chat.say("languages all fr")).error  # "all" stands alone
    assert "`/brief languages [<codes> | all]` — Show or set the languages" in (await chat.say("help")).text


async def test_languages_named_in_english_are_read_as_their_codes(db: Database, config: Config) -> None:
    chat = Chat(db, config, ManualClock(DAY1))
    named = await chat.say("languages French, german")
    assert not named.error and named.text.startswith(
        "Briefings here now carry stories in French (fr), German (de)."), named.text
    assert (await ChannelStore(db).get(REF)).languages == ("fr", "de")  # type: ignore[union-attr]


async def test_the_languages_come_from_the_config_when_a_channel_is_seeded(db: Database) -> None:
    config = parse_config({"channels": [{"id": "slack:C1", "languages": ["FR", "de", "fr"]},
                                        {"id": "slack:C2"}, {"id": "slack:C3", "languages": ["all"]}]}, {})
    assert [c.languages for c in config.channels] == [("fr", "de"), (), ()]
    await ChannelStore(db).seed(config, now=DAY1)
    assert {c.key: c.languages for c in await ChannelStore(db).all()} == {
        "slack:C1": ("fr", "de"), "slack:C2": (), "slack:C3": ()}
    with pytest.raises(ConfigError, match=r"^channels\[0\]\.languages: 'fra' is not an ISO 639-1 language code"):
        parse_config({"channels": [{"id": "slack:C1", "languages": ["en", "fra"]}]}, {})
    with pytest.raises(ConfigError, match=r"^channels\[0\]\.languages: expected a list of strings"):
        parse_config({"channels": [{"id": "slack:C1", "languages": "fr"}]}, {})


def test_the_languages_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.channels.test_channels_cli import cli

    store = str(tmp_path / "cli.db")
    assert cli(capsys, "languages", "slack:C1", "--db", store)[0] == 3  # only shows: no store is made for it
    assert cli(capsys, "languages", "slack:C1", "fr", "DE", "--db", store)[:2] == (
        0, "slack:C1: French (fr), German (de)\n")
    assert cli(capsys, "languages", "slack:C2", "--db", store)[:2] == (
        0, "slack:C2: all languages; the channel is not set up yet\n")
    code, _, err = cli(capsys, "languages", "slack:C1", "fr", "zz", "--db", store)
    assert code == 2 and "languages: 'zz' is not an ISO 639-1 language code" in err
    assert cli(capsys, "languages", "slack:C1", "--db", store)[1] == "slack:C1: French (fr), German (de)\n"  # unchanged
    code, out, _ = cli(capsys, "channels", "--db", store)
    assert code == 0 and "    languages: French (fr), German (de)\n" in out
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", store)[1])
    assert row["languages"] == ["fr", "de"]
    assert cli(capsys, "languages", "slack:C1", "all", "--db", store)[:2] == (0, "slack:C1: all languages\n")
    assert json.loads(cli(capsys, "channels", "--json", "--db", store)[1])[0]["languages"] == []


# ---- the store and its upgrade ----

@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_v16_store_is_upgraded_with_every_language_and_keeps_the_choice(backend: str, tmp_path: Path) -> None:
    url = (f"sqlite:///{tmp_path / 'v16.db'}" if backend == "sqlite"
           else await pg.fresh_database("briefbot_test_channel_languages_v16"))

    async def fill(old: Database) -> None:
        for ref in (REF, DESK):
            await ChannelStore(old).ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
        async with old.begin() as conn:  # this code's v2 made the column; the v16 code's did not
            await conn.execute(sa.text("ALTER TABLE channels DROP COLUMN languages"))
            columns = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("channels")})
        assert "languages" not in columns and "length" in columns

    db = await upgraded(url, LANGUAGES_FROM - 1, fill)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= LANGUAGES_FROM
        store = ChannelStore(db)
        assert [(c.key, c.languages) for c in await store.all()] == [(DESK.key, ()), (REF.key, ())]
        await store.set_languages(REF, ("fr", "it"))
        created = await store.ensure(ChannelRef("slack", "C9"), ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
        assert created.languages == ()  # a channel made after the upgrade takes every language too
        reopened = await Database.open(db.url)
        try:
            assert await reopened.migrate() == len(MIGRATIONS)  # nothing re-applied
            assert {c.key: c.languages for c in await ChannelStore(reopened).all()} == {
                DESK.key: (), REF.key: ("fr", "it"), "slack:C9": ()}
        finally:
            await reopened.close()
    finally:
        await db.close()


# ---- the screen ----

def row(story_id: str, profile: str, changed_at: datetime = DAY1) -> StoryRow:
    return StoryRow(story_id, "", "", None, None, changed_at, 1, profile, ())


def profile(*languages: str, size: int | None = None) -> str:
    return StoryProfile("s", (), size=len(languages) if size is None else size, languages=languages).to_json()


def test_a_storys_languages_come_from_its_profile_and_unknown_ones_pass() -> None:
    assert profile_languages(profile("french", "english", "french")) == frozenset({"french", "english"})
    assert profile_languages("") is None  # no profile
    assert profile_languages(profile(size=3)) is None  # saved before languages were recorded
    assert profile_languages(profile("french", size=2)) is None  # an article added since: partly unknown
    screen = LanguageScreen()
    rows = [row("fr", profile("french")), row("en", profile("english")), row("old", profile(size=2)),
            row("nl", profile("nl", "english")), row("mixed", profile("english", "french"))]
    assert [r.id for r in screen.screened(rows, ("fr",))] == ["fr", "old", "mixed"]
    assert [r.id for r in screen.screened(rows, ("nl", "de"))] == ["old", "nl"]
    assert [r.id for r in screen.screened(rows, ())] == ["fr", "en", "old", "nl", "mixed"]


def test_each_storys_profile_is_read_once_for_every_channel_while_it_is_unchanged(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.language_screen as module

    reads: list[str] = []

    def counting(text: str) -> frozenset[str] | None:
        reads.append(text)
        return profile_languages(text)

    monkeypatch.setattr(module, "profile_languages", counting)
    screen = LanguageScreen(size=2)
    fr, en = row("fr", profile("french")), row("en", profile("english"))
    assert [r.id for r in screen.screened([fr, en], ("fr",))] == ["fr"]
    assert [r.id for r in screen.screened([fr, en], ("en", "de"))] == ["en"]  # a second channel: nothing read
    assert len(reads) == 2
    assert screen.screened([fr, en], ()) == [fr, en] and len(reads) == 2  # every language: nothing read at all
    assert screen.screened([row("en", profile("english", "french"), DAY1 + timedelta(hours=1))], ("fr",))
    assert len(reads) == 3  # the story changed: read again
    screen.screened([row("de", profile("german"))], ("fr",))
    assert len(screen) == 2  # the oldest reading let go


# ---- the paths that choose a channel's stories ----

async def test_a_french_channel_gets_french_reports_in_its_scheduled_briefing(db: Database, config: Config) -> None:
    store = ChannelStore(db)
    for ref in (REF, DESK):
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await store.set_languages(REF, ("fr",))
    await add_four(db, DAY1 + timedelta(hours=6))
    adapter = CapturingAdapter()
    delivery = Delivery(db, config, {"console": adapter})
    outcomes = await Scheduler(delivery, ManualClock(DAY1)).tick(DAY1 + timedelta(hours=8))
    assert sorted((o.channel, o.state) for o in outcomes) == [(DESK.key, "delivered"), (REF.key, "delivered")]
    by_channel = {p.channel: b for p, b in zip(adapter.posts, adapter.briefings, strict=True)}
    assert ids(by_channel[REF.key].items) == {"french", "unknown", "mixed"}  # not the English-only story
    assert ids(by_channel[DESK.key].items) == {"french", "english", "unknown", "mixed"}
    assert len(delivery.languages) == 4  # each story read once, for the one channel that chose languages

    # once the channel takes English, the English story (changed since) comes in its next briefing
    await add_reports(db, "english", ENGLISH, now=DAY1 + timedelta(days=1, hours=6))
    await store.set_languages(REF, ("en",))
    await Scheduler(delivery, ManualClock(DAY1)).tick(DAY1 + timedelta(days=1, hours=8))
    assert "english" in ids(adapter.briefings[-1].items) and adapter.posts[-1].channel == REF.key


async def test_a_french_channel_gets_only_french_breaking_alerts(db: Database, config: Config) -> None:
    store = ChannelStore(db)
    for ref in (REF, DESK):
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
        await store.set_alerts(ref, 2)
    await store.set_languages(REF, ("fr",))
    adapter = CapturingAdapter()
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), ManualClock(DAY1))
    assert {o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))} == {"empty"}  # nothing due until 10:00
    await add_reports(db, "french", FRENCH, now=DAY1 + timedelta(hours=10))
    await add_reports(db, "english", ENGLISH, now=DAY1 + timedelta(hours=10, minutes=1))
    outcomes = await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=5))
    assert sorted((o.channel, o.state) for o in outcomes) == [(DESK.key, "delivered"), (REF.key, "delivered")]
    by_channel = {p.channel: b for p, b in zip(adapter.posts, adapter.briefings, strict=True)}
    assert by_channel[REF.key].title.startswith("Breaking") and ids(by_channel[REF.key].items) == {"french"}
    assert ids(by_channel[DESK.key].items) == {"french", "english"}

    # the multilingual story with a French report and the one of unknown languages are French enough; 30 minutes
    # later (the alert gap) REF gets both, and never the English-only one
    await add_reports(db, "mixed", MIXED, now=DAY1 + timedelta(hours=10, minutes=40))
    await add_reports(db, "unknown", UNKNOWN, now=DAY1 + timedelta(hours=10, minutes=41), known=False)
    await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=45))
    assert ids(adapter.briefings[-1].items) | ids(adapter.briefings[-2].items) >= {"mixed", "unknown"}
    sent_to_ref = set().union(*(ids(b.items) for p, b in zip(adapter.posts, adapter.briefings, strict=True)
                                if p.channel == REF.key))
    assert sent_to_ref == {"french", "mixed", "unknown"}


async def test_brief_on_demand_follows_the_channels_languages(db: Database, config: Config) -> None:
    await add_four(db, DAY1 + timedelta(hours=6))
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=9)))
    assert not (await chat.say("languages fr")).error
    brief = await chat.say("brief")
    assert brief.briefing is not None and ids(brief.briefing.items) == {"french", "unknown", "mixed"}
    topic = await chat.say("brief Korsholt")  # a topic briefing here keeps the channel's languages too
    assert topic.briefing is None and topic.text.startswith("No stories on Korsholt since")
    elsewhere = await chat.say("brief", ref=DESK)  # a channel not set up: every language
    assert elsewhere.briefing is not None and ids(elsewhere.briefing.items) == {"french", "english", "unknown", "mixed"}
    # explicit questions are not filtered: `story` shows the English story in the French channel
    assert "Korsholt opens a night bus line" in (await chat.say("story english")).text


@pytest.fixture
async def pg_db() -> AsyncIterator[Database]:
    database = await Database.open(await pg.fresh_database("briefbot_test_channel_languages"))
    yield database
    await database.close()


async def test_the_filter_on_postgresql(pg_db: Database, config: Config) -> None:
    await ChannelStore(pg_db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await ChannelStore(pg_db).set_languages(REF, ("fr",))
    await add_four(pg_db, DAY1 + timedelta(hours=6))
    adapter = CapturingAdapter()
    await Scheduler(Delivery(pg_db, config, {"console": adapter}), ManualClock(DAY1)).tick(DAY1 + timedelta(hours=8))
    [briefing] = adapter.briefings
    assert ids(briefing.items) == {"french", "unknown", "mixed"}
    brief = await Chat(pg_db, config, ManualClock(DAY1 + timedelta(hours=9))).say("brief")
    assert brief.briefing is not None and ids(brief.briefing.items) == {"french", "unknown", "mixed"}


async def test_stories_ingested_through_the_pipeline_carry_their_languages_to_the_filter(
        db: Database, config: Config, tmp_path: Path) -> None:
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    for ref in (REF, DESK):
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await store.set_languages(REF, ("fr",))
    records = [{"title": title, "text": text, "language": language, "outlet": slug.title(),
                "url": f"https://{slug}.test/{n}"} for n, (slug, language, title, text) in enumerate(FRENCH + ENGLISH)]
    await world.ingest(DAY1 + timedelta(hours=6), *records)
    french, english = await world.story_of(records[0]), await world.story_of(records[2])
    assert french != english
    adapter = CapturingAdapter()
    await Scheduler(Delivery(db, config, {"console": adapter}), world.clock).tick(DAY1 + timedelta(hours=8))
    by_channel = {p.channel: b for p, b in zip(adapter.posts, adapter.briefings, strict=True)}
    assert french in ids(by_channel[REF.key].items) and english not in ids(by_channel[REF.key].items)
    assert {french, english} <= ids(by_channel[DESK.key].items)
