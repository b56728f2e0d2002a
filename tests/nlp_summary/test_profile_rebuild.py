"""A story's profile made again from its articles (StoryClusterer.rebuild, used when one was edited at its source) is
the profile they built as they joined, byte for byte, when none changed; with one edited, the first text's terms
leave it, the new text's join it, and its size, articles, outlets and span stay those of its articles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.edited_profiles import rebuild_edited
from bot.models import Article
from bot.nlp.cluster import StoryClusterer, StoryProfile
from bot.nlp.sentences import split_sentences
from tests.nlp_summary.samples import article

# Written for this test: an invented mountain railway.
FIRST = ("A rockfall closed the Skerrow mountain railway near Hallin halt on Tuesday, the railway operator said. "
         "Rocks from the slope above the track damaged the line, and trains are replaced by buses.")
SECOND = ("The Skerrow mountain railway was closed near Hallin halt after a rockfall on Tuesday, its operator said. "
          "Buses replace trains while rocks from the slope above are cleared from the damaged line.")
THIRD = ("Trains on the Skerrow mountain railway are replaced by buses after Tuesday's rockfall near Hallin halt, "
         "the railway operator said; rocks from the slope above the track damaged the line.")
CORRECTED = ("Correction: the line was closed by a mudslide at Brennock cutting, not a rockfall near Hallin halt. "
             "Mud from the Brennock cutting covered the Skerrow mountain railway track, the operator said.")


def _story() -> tuple[StoryClusterer, str, list[Article]]:
    clusterer = StoryClusterer()
    members = [article(FIRST, title="Rockfall closes Skerrow railway", outlet="Harbour Daily"),
               article(SECOND, title="Skerrow railway shut by rockfall", outlet="Valley Post", hours=1),
               article(THIRD, title="Buses replace Skerrow trains after rockfall", outlet="The Harbour Daily",
                       hours=2)]
    stories = {clusterer.add(a) for a in members}
    assert len(stories) == 1
    return clusterer, stories.pop(), members


def test_rebuilt_from_unchanged_articles_the_profile_is_the_one_they_built() -> None:
    clusterer, story, members = _story()
    built = clusterer.profile(story)
    assert built is not None
    again = clusterer.rebuild(story, members)
    assert again.to_json() == built.to_json()
    assert StoryProfile.from_json(again.to_json()) == again  # what is stored reads back as it was
    assert clusterer.changed() == [again]


def test_an_edited_article_counts_by_its_new_text_only() -> None:
    clusterer, story, members = _story()
    before = clusterer.profile(story)
    assert before is not None and "rockfal" in dict(before.terms)
    edited = replace(members[0], title="Mudslide closes Skerrow railway at Brennock cutting", text=CORRECTED,
                     sentences=split_sentences(CORRECTED))
    after = clusterer.rebuild(story, [edited, *members[1:]])
    terms = dict(after.terms)
    assert "brennock" in terms and "mudslid" in terms and "brennock" not in dict(before.terms)
    assert terms["rockfal"] < dict(before.terms)["rockfal"]  # two articles still say rockfall; the edited one not
    assert (after.size, after.article_ids, after.outlets, after.first, after.last) == (
        before.size, before.article_ids, before.outlets, before.first, before.last)
    assert clusterer.profile(story) == after and clusterer.changed() == [after]


class _Store:
    def __init__(self, members: dict[str, list[Article]]) -> None:
        self.members = members

    async def ids_for_stories(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        return {s: [a.id for a in self.members[s]] for s in story_ids if s in self.members}

    async def get_many(self, ids: Sequence[str]) -> list[Article]:
        by_id = {a.id: a for arts in self.members.values() for a in arts}
        return [by_id[i] for i in ids if i in by_id]


async def test_only_a_story_held_whose_counted_articles_are_all_stored_is_made_again() -> None:
    clusterer, story, members = _story()
    before = clusterer.profile(story)
    edited = replace(members[2], text=CORRECTED, sentences=split_sentences(CORRECTED))
    # stored in another order than they joined: rebuilt in the order they joined, the edited one by its new text
    store = _Store({story: [members[1], edited, members[0]]})
    assert await rebuild_edited(clusterer, {story, "s-gone"}, store) == [story]
    after = clusterer.profile(story)
    assert after is not None and before is not None and after.article_ids == before.article_ids
    assert "brennock" in dict(after.terms)
    kept = after.to_json()
    # one of its counted articles no longer stored: the story keeps its profile, as does one the clusterer lacks
    assert await rebuild_edited(clusterer, {story}, _Store({story: members[:2]})) == []
    assert await rebuild_edited(clusterer, {"s-elsewhere"}, store) == []
    again = clusterer.profile(story)
    assert again is not None and again.to_json() == kept
