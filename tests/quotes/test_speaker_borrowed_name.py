"""A one-word speaker takes the full name another article gave it ("Brell" -> "Tomas Brell"), never a description
that merely ends in that word ("Varnel" -> "sources within Varnel"), so ingest order does not change who said it."""

from __future__ import annotations

import pytest

from bot.models import Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

GROUP = "Sources within Varnel said the treaty talks had stalled. Tomas Brell said the ferry would run all winter."
BARE = "Varnel has rejected the tariff plan. Brell said the pier was safe."


def _said(article_id: str, text: str, speaker: str, content: str) -> Attribution:
    start = text.index(content)
    return Attribution(article_id=article_id, speaker=speaker, speaker_as_written=speaker.split()[-1], cue="said",
                       content=content, kind="indirect", sentence=0, start=start, end=start + len(content))


@pytest.mark.parametrize("group_first", [True, False])
async def test_a_bare_name_keeps_its_own_words_whatever_was_stored_before(db: Database, group_first: bool) -> None:
    group, bare = make_article("group", GROUP, title="Talks"), make_article("bare", BARE, title="Tariffs")
    store = QuoteStore(db)

    async def add_group() -> None:
        await ArticleStore(db).save(group, now=NOW)
        await store.replace(group.id, [_said(group.id, GROUP, "sources within Varnel", "the treaty talks had stalled"),
                                       _said(group.id, GROUP, "Tomas Brell", "the ferry would run all winter")])

    async def add_bare() -> None:
        await ArticleStore(db).save(bare, now=NOW)
        await store.replace(bare.id, [_said(bare.id, BARE, "Varnel", "the tariff plan"),
                                      _said(bare.id, BARE, "Brell", "the pier was safe")])

    for add in (add_group, add_bare) if group_first else (add_bare, add_group):
        await add()
    speakers = [a.speaker for a in await store.for_articles([bare.id])]
    # what the article itself says, not a description from another one; a person's surname still takes the full
    # name when that was stored first
    assert speakers == ["Varnel", "Tomas Brell" if group_first else "Brell"]


def test_the_store_knows_the_same_name_particles_as_the_speaker_rules() -> None:
    from bot.nlp.name_particles import PARTICLES as RULES
    from bot.store.speaker_names import PARTICLES, full_name

    assert PARTICLES == RULES
    assert full_name("Mark Rutte") and full_name("Charles de Gaulle") and full_name("Martin Luther Okafor Jr.")
    assert not any(full_name(n) for n in ("Rutte", "sources within NATO", "unnamed NATO leaders",
                                          "Russian embassy in Belgium", "Ada Quist and Tomas Brell"))
