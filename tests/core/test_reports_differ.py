"""Reports of one story that give different death tolls in their headlines are told as differing, naming each
outlet's figure, in every renderer and the story view: the story's headline alone ("Twelve dead ...") would state
one outlet's figure as fact. Titles and outlets invented for this test."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.headline_choice import headline_article
from bot.models import Article, Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.figures_differ import DIFFER, death_toll, differing_tolls
from digests.render_discord import render_discord
from digests.render_json import briefing_to_dict
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text
from digests.story_view import render_story_text

NOW = datetime(2031, 3, 3, 18, 0, tzinfo=UTC)
LINE = "Twelve people died when the ferry capsized off Orlen harbour, the coastguard said."


def ref(key: str, outlet: str, title: str, minutes: int = 0) -> SourceRef:
    published = NOW - timedelta(hours=2) + timedelta(minutes=minutes)
    return SourceRef(key, outlet, f"https://{key}.test/ferry", title, published)


TIMES = ref("times", "Castavia Times", "Twelve dead as ferry capsizes off Orlen")
OBSERVER = ref("observer", "Northern Observer", "Orlen ferry disaster: 14 killed, hospital says", 5)
WIRE = ref("wire", "Agence Meridian", "Castavia: ferry sinking leaves at least 12 dead", 10)
BREAKING = ref("breaking", "Southport Wire", "BREAKING: Ferry capsizes near Orlen", 15)


@pytest.mark.parametrize(("title", "toll"), [
    ("Twelve dead as ferry capsizes off Orlen", 12),
    ("Orlen ferry disaster: 14 killed, hospital says", 14),
    ("Castavia: ferry sinking leaves at least 12 dead", 12),
    ("Ferry capsizes off Orlen, killing 9", 9),
    ("Orlen ferry death toll rises to 16", 16),
    ("Orlen ferry: death toll at 16", 16),
    ("Death toll: 16 as Orlen mourns", 16),
    ("Storm kills at least 1,200 across the coast", 1200),
    ("Thirty-five people feared dead after ferry sinks", 35),
    ("Ferry capsizes near Orlen", None),
    ("Ferry with 64 aboard capsizes off Orlen", None),
    ("Twelve injured as ferry hits the Orlen quay", None),
    ("No one died in Orlen ferry scare", None),
    ("Orlen 2031: the year the ferries stopped", None),
    ("Orlen Derby 2031 dead heat: two horses share the cup", None),
    ("Harbour plan hits 2031 dead end, council says", None),
])
def test_a_headlines_death_toll(title: str, toll: int | None) -> None:
    assert death_toll(title) == toll


def test_differing_tolls_name_each_outlets_figure_and_agreement_says_nothing() -> None:
    assert differing_tolls((TIMES, OBSERVER, WIRE, BREAKING)) == (
        "12 dead (Castavia Times, Agence Meridian), 14 dead (Northern Observer)")
    assert differing_tolls((TIMES, WIRE, BREAKING)) == ""  # they agree
    assert differing_tolls((OBSERVER,)) == ""
    # an outlet that raises its own figure later is no dispute: its latest report's figure counts
    raised = ref("times2", "Castavia Times", "Orlen ferry: toll rises to 14 dead", 30)
    assert differing_tolls((TIMES, raised)) == ""
    assert differing_tolls((TIMES, raised, WIRE)) == "12 dead (Agence Meridian), 14 dead (Castavia Times)"


def briefing(*sources: SourceRef, length: str = "full") -> Briefing:
    story = Story("s-ferry", "Twelve dead as ferry capsizes off Orlen", sources,
                  (SummarySentence(LINE, "times", 0, 0, len(LINE)),), (), updated=NOW, url=TIMES.url)
    return Briefing("Briefing", NOW, (BriefingItem(story, 1.0),), length=length)  # type: ignore[arg-type]


WHAT = "12 dead (Castavia Times, Agence Meridian), 14 dead (Northern Observer)"


def test_every_renderer_says_the_reports_differ() -> None:
    both = briefing(TIMES, OBSERVER, WIRE)
    assert f"   {DIFFER} {WHAT}\n" in render_text(both)
    assert f"- _{DIFFER}_ {WHAT}\n" in render_markdown(both)
    assert f"_{DIFFER}_ {WHAT}" in json.dumps([m.blocks for m in render_briefing(both)], ensure_ascii=False)
    descriptions = [e.get("description", "") for m in render_discord(both) for e in m["embeds"]]
    assert any(f"**{DIFFER}** {WHAT}" in d for d in descriptions)
    assert briefing_to_dict(both)["stories"][0]["reports_differ"] == WHAT
    assert f"{DIFFER} {WHAT}" in render_text(briefing(TIMES, OBSERVER, WIRE, length="short"))
    assert DIFFER not in render_text(briefing(TIMES, OBSERVER, length="headlines"))
    story = both.items[0].story
    assert f"{DIFFER} {WHAT}" in render_story_text(story, tz=UTC)


def test_agreeing_reports_add_no_line() -> None:
    agree = briefing(TIMES, WIRE, BREAKING)
    assert DIFFER not in render_text(agree) + render_markdown(agree)
    assert DIFFER not in json.dumps([m.blocks for m in render_briefing(agree)], ensure_ascii=False)
    assert briefing_to_dict(agree)["stories"][0]["reports_differ"] == ""


# a report whose headline gives no figure while its lead sentence does: a newer outlet's text raising the toll
SEARCH = ref("search", "Northern Observer", "Orlen ferry: divers search the hull through the night", 40)
RISEN = "The death toll has risen to 14, the Orlen harbour authority said on Tuesday."


def lead(article: str, text: str, sentence: int = 0) -> SummarySentence:
    return SummarySentence(text, article, sentence, 0, len(text))


def test_a_reports_lead_sentence_gives_its_figure_when_its_headline_gives_none() -> None:
    assert death_toll(RISEN) == 14
    assert differing_tolls((TIMES, WIRE, SEARCH), (lead("search", RISEN),)) == (
        "12 dead (Castavia Times, Agence Meridian), 14 dead (Northern Observer)")
    # a later sentence's "died" may be another event's: only a "death toll" sentence counts past the lead
    past = "Twelve people died in a 2019 sinking at the same quay, and 30 died in 2004."
    assert differing_tolls((TIMES, SEARCH), (lead("search", past, 3),)) == ""
    later = lead("search", "Divers said on Tuesday that the death toll had risen to 14.", 4)
    assert differing_tolls((TIMES, SEARCH), (later,)) == "12 dead (Castavia Times), 14 dead (Northern Observer)"
    # a headline's figure comes first; an outlet's latest report counts, whether headline or lead sentence
    assert differing_tolls((OBSERVER, SEARCH), (lead("search", RISEN),)) == ""
    heat = lead("search", "A 2031 dead heat at the Orlen regatta was soon forgotten.")
    assert differing_tolls((TIMES, SEARCH), (heat,)) == ""


def test_every_renderer_reads_a_follow_ups_new_lead_sentence() -> None:
    story = Story("s-ferry", "Twelve dead as ferry capsizes off Orlen", (TIMES, WIRE, SEARCH), (), (), updated=NOW,
                  url=SEARCH.url)
    item = BriefingItem(story, 1.0, new_since=(lead("search", RISEN),), new=("search",))
    both = Briefing("Briefing", NOW, (item,))
    what = "12 dead (Castavia Times, Agence Meridian), 14 dead (Northern Observer)"
    assert f"{DIFFER} {what}" in render_text(both)
    assert f"_{DIFFER}_ {what}" in render_markdown(both)
    assert f"_{DIFFER}_ {what}" in json.dumps([m.blocks for m in render_briefing(both)], ensure_ascii=False)
    assert any(f"**{DIFFER}** {what}" in e.get("description", "") for m in render_discord(both) for e in m["embeds"])
    assert briefing_to_dict(both)["stories"][0]["reports_differ"] == what
    whole = Story("s-ferry", TIMES.title, (TIMES, WIRE, SEARCH), (lead("search", RISEN),), (), updated=NOW)
    assert f"{DIFFER} {what}" in render_story_text(whole, tz=UTC)


def followup(*sources: SourceRef, new: tuple[str, ...], sentences: tuple[SummarySentence, ...] = ()) -> Briefing:
    story = Story("s-ferry", sources[-1].title, sources, (), (), updated=NOW, url=sources[-1].url)
    return Briefing("Briefing", NOW, (BriefingItem(story, 1.0, new_since=sentences, new=new),))


def shown_everywhere(b: Briefing) -> list[str]:
    return [render_text(b), render_markdown(b), json.dumps([m.blocks for m in render_briefing(b)]),
            json.dumps([e.get("description", "") for m in render_discord(b) for e in m["embeds"]])]


def test_a_follow_up_says_the_reports_differ_only_when_the_figures_changed_since_the_channel_saw_them() -> None:
    # the channel saw 12 against 14; the new report gives no figure: nothing changed, nothing said again
    same = followup(TIMES, OBSERVER, WIRE, BREAKING, new=("breaking",),
                    sentences=(lead("breaking", "Rescuers worked through the night at Orlen."),))
    assert all(DIFFER not in shown for shown in shown_everywhere(same))
    assert briefing_to_dict(same)["stories"][0]["reports_differ"] == WHAT  # the data stays whole
    # the channel saw 12 against 14; the new report (its lead sentence) gives 16: the figures changed
    newer = ref("latest", "Southport Wire", "Orlen ferry: divers reach the hull", 50)
    risen = followup(TIMES, OBSERVER, WIRE, newer, new=("latest",),
                     sentences=(lead("latest", "The death toll has risen to 16, officials said."),))
    assert all(f"{WHAT}, 16 dead (Southport Wire)" in shown for shown in shown_everywhere(risen))
    # the channel saw the outlets agree; a new report disputes them
    disputed = followup(TIMES, WIRE, OBSERVER, new=("observer",))
    assert all(DIFFER in shown for shown in shown_everywhere(disputed))


def article(key: str, title: str, minutes: int) -> Article:
    return Article(id=key, url=f"https://{key}.test/ferry", title=title, outlet=key, text="The ferry sank.",
                   sentences=(), published=NOW - timedelta(hours=2) + timedelta(minutes=minutes))


def test_the_headline_gives_the_newest_figure_not_an_older_one_as_fact() -> None:
    first = article("times", TIMES.title, 0)
    newer = article("observer", OBSERVER.title, 5)
    plain = article("breaking", "Ferry capsizes near Orlen", 15)
    assert headline_article([first, newer, plain]) is newer  # 12 then 14: not the older figure
    assert headline_article([first, article("wire", WIRE.title, 10), plain]) is first  # they agree: the earliest
    earlier = article("early", "Ferry in trouble off Orlen", -5)
    assert headline_article([earlier, first, newer]) is earlier  # the earliest states no figure at all


def test_the_differ_line_comes_right_under_the_headline_in_every_renderer() -> None:
    both = briefing(TIMES, OBSERVER, WIRE)
    text = render_text(both).splitlines()
    assert text[text.index("1. Twelve dead as ferry capsizes off Orlen") + 1] == f"   {DIFFER} {WHAT}"
    md = render_markdown(both).splitlines()
    assert md[next(n for n, line in enumerate(md) if line.startswith("## ")) + 1] == f"- _{DIFFER}_ {WHAT}"
    slack = render_briefing(both)[0].blocks
    first = next(b["text"]["text"] for b in slack if b.get("type") == "section" and "Orlen" in b["text"]["text"])
    assert first.splitlines()[1] == f"_{DIFFER}_ {WHAT}"
    embed = next(e for m in render_discord(both) for e in m["embeds"] if "Orlen" in e.get("title", ""))
    assert embed["description"].splitlines()[0] == f"**{DIFFER}** {WHAT}"
    view = render_story_text(both.items[0].story, tz=UTC).splitlines()
    assert view[1] == f"{DIFFER} {WHAT}"
