"""A topic matches a story by one rule on every surface: its articles' sentences, headline, quotes and speakers, as
channel alerts and scheduled briefings read them; on-demand briefings (``brief --topic``, ``/brief <topic>``, ``ask
brief me on``) once read only the headline, summary and quotes, so a word of an article's third sentence was
alerted on and never briefed, and an exclusion of it excluded nothing. Every surface builds that text in one place
(``bot.topics.story_text``, which ``match_story`` matches in)."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import topics as topics_module
from bot.alerts import Alerts
from bot.briefings import build_briefing
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import Article, ChannelRef, Sentence, Story, SummarySentence
from bot.nlp.terms import TermAnalyser
from bot.store.channels import Channel, ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.topic_screen import SaidMatcher
from bot.topics import StoryText, match_topics, parse_topic
from tests import pg
from tests.channels.channel_fakes import add_story
from tests.core.test_topic_screen import LANGUAGE_TOPICS, language_story

NOW = datetime.fromisoformat("2026-05-04T09:00:00+00:00")
CONFIG = Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                scheduler=SchedulerConfig(catch_up_grace="6h"))
# invented for this test: the summary is each article's first two sentences, so the third and fourth are read only
# where a story's articles are
STORIES = {
    "flood": ("Orlen river rises over the lower town",
              "Evacuation of the lower town began at dawn. Boats carried the last families to the school. "
              "Councillor Merrin asked people to stay away from the embankment. Pumping stations ran all night."),
    "bridge": ("Orlen bridge reopens after repairs",
               "The old bridge over the Orlen opened to cars again on Sunday. Cyclists get a lane of their own. "
               "The work cost less than planned."),
    "harbour": ("Harbour dues rise in spring",
                "Dues for moorings rise by a tenth in April. Fishing boats pay the old rate. "
                "Ships waiting outside the harbour wait longer now that the pumping station is closed."),
}
TOPICS = ["Merrin", "Orlen -Merrin", "pumping", "evacuation", "embankment OR cyclists", "Orlen -pumping",
          '"pumping stations"', "Orlen"]


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'story_text.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_topic_story_text"))
    database = await Database.open(url)
    yield database
    await database.close()


async def stored(db: Database) -> None:
    for i, (story_id, (title, text)) in enumerate(STORIES.items()):
        await add_story(db, story_id, title=title, text=text, now=NOW - timedelta(hours=2, minutes=i),
                        outlet=f"Wire {i}", source=f"https://feeds.test/{i}.xml")


async def on_demand(db: Database, topic: str, since: datetime | None = NOW - timedelta(hours=24)) -> dict[str, str]:
    briefing = await build_briefing(db, CONFIG, now=NOW, since=since, topic=topic)
    return {i.story.id: i.why for i in (*briefing.items, *briefing.more)}


async def channel(db: Database, name: str, topic: str) -> Channel:
    ref, store = ChannelRef("console", name), ChannelStore(db)
    await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=NOW - timedelta(days=1))
    await store.subscribe(ref, topic, user="U1", now=NOW - timedelta(days=1))
    got = await store.get(ref)
    assert got is not None
    return got


async def test_a_word_of_an_articles_third_sentence_is_briefed_on_demand(any_db: Database) -> None:
    await stored(any_db)
    merrin = {"flood": "matched: Merrin — in 1 sentence"}  # as the alert's footer says
    assert await on_demand(any_db, "Merrin") == merrin
    assert await on_demand(any_db, "Merrin", since=NOW - timedelta(days=7)) == merrin
    assert list(await on_demand(any_db, "Merrin", since=None)) == ["flood"]  # ``ask "brief me on Merrin"``
    # the exclusion reads the same text: the flood story names Merrin, the bridge story does not
    assert set(await on_demand(any_db, "Orlen -Merrin")) == {"bridge"}
    assert set(await on_demand(any_db, "pumping")) == {"flood", "harbour"}
    assert set(await on_demand(any_db, "Orlen -pumping")) == {"bridge"}
    assert set(await on_demand(any_db, "embankment OR cyclists")) == {"flood", "bridge"}


async def test_on_demand_scheduled_and_alert_matches_agree(any_db: Database) -> None:
    await stored(any_db)
    delivery = Delivery(any_db, CONFIG, {})
    alerts = Alerts(delivery)
    for n, topic in enumerate(TOPICS):
        asked = await on_demand(any_db, topic)
        planned = await delivery.plan_for(await channel(any_db, f"sched{n}", topic), NOW)
        scheduled = {c.story_id: c.why for c in planned.stories}
        ready = [outline for _, outline in await alerts._recent(NOW)]
        alert = await alerts.breaking(await channel(any_db, f"alert{n}", topic), ready, NOW, cap=10)
        alerted = {i.story.id: i.why for i in alert.items}
        assert asked == scheduled == alerted, topic
        assert asked, topic  # every topic here matches some story


async def test_every_surface_matches_in_the_one_story_text(any_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """On demand, scheduled and alerts, each story a topic matches was read in the text ``bot.topics.story_text``
    builds (the one ``match_story`` matches in), with its articles' sentences: none builds its own."""
    await stored(any_db)
    built: list[tuple[str, int]] = []

    class Recorded(topics_module.StoryText):
        def __init__(self, story: Story, articles: Sequence[Article] = (), *args: Any, **kwargs: Any) -> None:
            built.append((story.id, len(articles)))
            super().__init__(story, articles, *args, **kwargs)

    monkeypatch.setattr(topics_module, "StoryText", Recorded)
    delivery = Delivery(any_db, CONFIG, {})
    alerts = Alerts(delivery)
    for n, topic in enumerate(TOPICS):
        built.clear()
        asked = await on_demand(any_db, topic)
        assert asked and {i for i, articles in built if articles} >= set(asked), topic
        built.clear()
        planned = await delivery.plan_for(await channel(any_db, f"sched{n}", topic), NOW)
        scheduled = {c.story_id for c in planned.stories}
        assert scheduled == set(asked) and {i for i, articles in built if articles} >= scheduled, topic
        built.clear()
        ready = [outline for _, outline in await alerts._recent(NOW)]
        alert = await alerts.breaking(await channel(any_db, f"alert{n}", topic), ready, NOW, cap=10)
        alerted = {i.story.id for i in alert.items}
        assert alerted == set(asked) and {i for i, articles in built if articles} >= alerted, topic


async def test_chat_brief_on_a_topic_reads_the_articles_too(any_db: Database) -> None:
    await stored(any_db)
    dispatcher = build_dispatcher(CommandDeps(CONFIG, any_db, ManualClock(NOW), None))

    async def brief(text: str) -> dict[str, str]:
        inv = dispatcher.from_text(text, user="U1", channel=ChannelRef("discord", "C1"), can_manage=True, now=NOW)
        reply = await dispatcher(inv)
        assert not reply.error and reply.briefing is not None, reply.text
        return {i.story.id: i.why for i in (*reply.briefing.items, *reply.briefing.more)}

    assert await brief("brief Merrin") == {"flood": "matched: Merrin — in 1 sentence"}
    assert set(await brief("brief Orlen -Merrin since 7d")) == {"bridge"}


ENGLISH = ("The US-China talks resumed in Geneva.", "NATO's ministers met; the U.S. envoy left early.",
           "Developers of c++ and C# tools met at the e-mail summit.", "Ai Safety Summit Opens in Velmora",
           "AT&T cut prices.", "Councillor Merrin's pumping plan was re-election bait.", "It is over, us too.",
           "The harbour ferry runs again; cyclists wait.", "Nato allies and the EU's AI act.",
           "Pumping resumed at dawn.", "The AI act passed.")
ENGLISH_TOPICS = ("US", "China", '"China talks"', "NATO", "U.S.", "c++", "C#", "e-mail", "mail", '"AI safety"',
                  "AI", "at&t", "Merrin", "election", "pumping -Merrin", "ferry OR cyclists -harbour", "EU",
                  '"AI act" -NATO', "us")


def english_story(rng: random.Random, n: int) -> tuple[Story, list[Article]]:
    articles = []
    for k in range(rng.randint(1, 3)):
        lines = [rng.choice(ENGLISH) for _ in range(rng.randint(1, 5))]
        sentences, text = [], ""
        for i, line in enumerate(lines):
            sentences.append(Sentence(i, len(text), len(text) + len(line), line))
            text += line + " "
        articles.append(Article(f"e{n}-{k}", "", "", "outlet", text, tuple(sentences)))
    first = articles[0].sentences[0]
    return Story(f"e{n}", rng.choice(ENGLISH), (), (SummarySentence(first.text, articles[0].id, 0, 0, 1),)), articles


def test_sentences_left_unstemmed_change_no_match() -> None:
    """The on-demand matcher leaves unstemmed each article sentence that holds no term of the topic (excluded ones
    too): it says what the plain matcher says of every story, in every language, with every kind of term."""
    rng = random.Random(11)
    analyser = TermAnalyser()
    stories = [language_story(rng, n) for n in range(200)] + [english_story(rng, n) for n in range(300)]
    skipped, unmatched = 0, []
    for query in (*LANGUAGE_TOPICS, *ENGLISH_TOPICS):
        said = SaidMatcher([query], analyser)
        topic = parse_topic(query, analyser)
        matched = 0
        for story, articles in stories:
            pairs = [(q.content, q.speaker) for q in story.quotes]
            want = match_topics([topic], StoryText(story, articles, analyser=analyser, said=pairs))
            assert said.match(story, pairs, articles) == want, (query, story, articles)
            matched += want is not None
            skipped += sum(not said.readable(s.text) for a in articles for s in a.sentences)
        if not matched:
            unmatched.append(query)
    assert unmatched == ["mail"]  # a part of one letter is a prefix: "mail" is not "e-mail" (README)
    assert skipped  # the screen did leave sentences out
