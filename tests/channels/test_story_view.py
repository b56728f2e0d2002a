"""/brief story: one story in full, its articles in time order and who said what, by number, id or words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.commands.base import Invocation
from bot.commands.channel_commands import commands
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.delivery import Delivery
from bot.models import Attribution, SourceRef, Story, SummarySentence
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from digests.story_view import MAX_QUOTES, render_story
from tests.channels.test_followups import BERTH_D, DAY1, FIRE_A, FIRE_B, FIRE_C, REF, CapturingAdapter, World

T = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)


def _quote(n: int, speaker: str, content: str, kind: str = "direct", role: str | None = None) -> Attribution:
    return Attribution(f"a{n}", speaker, speaker, "said", content, kind, 0, 0, len(content), role)  # type: ignore[arg-type]


def test_the_story_view_orders_articles_by_time_and_lists_each_quote_once() -> None:
    story = Story(
        id="s-a1", headline="Kelvar bridge reopens",
        sources=(SourceRef("a2", "Coastal Times", "https://coastal.test/b", "Drivers return", T + timedelta(hours=2)),
                 SourceRef("a3", "Valley Post", "", "Cycle lane promised", None),
                 SourceRef("a1", "Harbour Daily", "https://harbour.test/b", "Bridge reopens", T)),
        summary=(SummarySentence("The Kelvar bridge reopened on Monday.", "a1", 0, 0, 38),),
        quotes=(_quote(3, "unnamed officials", "that the lane would open in April", kind="indirect"),
                _quote(1, "Ilse Varga", '"We asked drivers for patience,"', role="transport office"),
                _quote(2, "Ilse Varga", "“We asked drivers for patience”")))
    text = render_story(story, tz=ZoneInfo("Europe/Brussels"))
    assert text.splitlines()[0] == ("*Kelvar bridge reopens* (`s-a1`): 3 outlets, first reported Mon 03 Mar 10:00, "
                                    "latest Mon 03 Mar 12:00")
    assert "> The Kelvar bridge reopened on Monday." in text
    coverage = [line for line in text.splitlines() if line.startswith("• ") and "“" in line and "said" not in line]
    assert [line.split(": ", 1)[1].split(",")[0] for line in coverage] == ["Harbour Daily", "Coastal Times",
                                                                           "Valley Post"]
    assert "• undated: Valley Post, “Cycle lane promised”" in text  # no link for a local file
    assert text.count("Ilse Varga") == 1  # the same words from two outlets: once
    assert "• *Ilse Varga* (transport office) said: “We asked drivers for patience” (Harbour Daily)" in text
    assert "• *unnamed officials* said: the lane would open in April (Valley Post)" in text  # no leading "that"
    assert text.index("Ilse Varga") < text.index("unnamed officials")  # named speakers first
    many = Story(id="s-x", headline="H", sources=(), summary=(),
                 quotes=tuple(_quote(n, f"Speaker {n}", f"Quote number {n} is long enough") for n in range(10)))
    assert render_story(many, tz=UTC).count("• *Speaker") == MAX_QUOTES


def test_a_speakers_role_from_one_article_is_shown_on_all_their_lines() -> None:
    story = Story(
        id="s-r", headline="Harbour bridge shut",
        sources=(SourceRef("a1", "Harbour Daily", "https://harbour.test/b", "Bridge shut", T),
                 SourceRef("a2", "Coastal Times", "https://coastal.test/b", "Six weeks of repairs", T)),
        summary=(),
        quotes=(_quote(1, "Elena Vasquez", "“Safety comes before convenience”"),
                _quote(2, "Elena Vasquez", "“The cables will all be checked”", role="Mayor"),
                _quote(1, "Tomas Reiner", "“The survey found the weak cable”")))
    text = render_story(story, tz=UTC)
    assert "• *Elena Vasquez* (mayor) said: “Safety comes before convenience” (Harbour Daily)" in text
    assert "• *Elena Vasquez* (mayor) said: “The cables will all be checked” (Coastal Times)" in text
    assert "• *Tomas Reiner* said: “The survey found the weak cable” (Harbour Daily)" in text  # none given: none


def test_the_story_view_shows_a_republished_copy_as_such_and_counts_outlets_not_articles() -> None:
    story = Story(
        id="s-w", headline="Ferry hits breakwater",
        sources=(SourceRef("w", "Coast Wire", "https://coastwire.co.uk/ferry", "Ferry hits breakwater", T),
                 SourceRef("h", "Harbour Times", "https://harbourtimes.co.uk/f", "Eleven rescued",
                           T + timedelta(hours=1), copy_of="w"),
                 SourceRef("p", "Harbour Times - Politics", "https://politics.harbourtimes.co.uk/f", "Inquiry call",
                           T + timedelta(hours=2))),
        summary=(),
        quotes=tuple(Attribution(aid, "Elin Sorvik", "Elin Sorvik", cue, "“Every person on board is accounted for”",
                                 "direct", 0, 0, 10) for aid, cue in (("h", "told reporters"), ("w", "said"))))
    text = render_story(story, tz=UTC)
    # one site (two feeds) and a copy of the wire's text: two outlets
    assert text.splitlines()[0].startswith("*Ferry hits breakwater* (`s-w`): 2 outlets, 1 republished copy, first")
    assert "• Mon 03 Mar 10:00: Harbour Times — same text as Coast Wire, “Eleven rescued” <https://harbourtimes" in text
    assert "• Mon 03 Mar 09:00: Coast Wire, “Ferry hits breakwater”" in text
    # the quote both carry is credited to the original
    assert "• *Elin Sorvik* said: “Every person on board is accounted for” (Coast Wire)" in text


async def test_the_story_verb_finds_a_story_by_number_id_or_words(db: Database, config: Config,
                                                                   tmp_path: Path) -> None:
    world = World(db, config, tmp_path)
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, BERTH_D)
    await world.ingest(DAY1 + timedelta(hours=6, minutes=30), FIRE_B)
    await world.ingest(DAY1 + timedelta(hours=7), FIRE_C)
    adapter = CapturingAdapter()
    await Scheduler(Delivery(db, config, {"console": adapter}), world.clock).tick(DAY1 + timedelta(hours=8))
    fire = await world.story_of(FIRE_A)
    number = [i.story.id for i in adapter.briefings[0].items].index(fire) + 1
    verbs = {c.name: c for c in commands(CommandDeps(config, db, world.clock))}

    async def say(text: str) -> str:
        inv = Invocation("story", text, "U1", REF, {"story": text}, now=DAY1 + timedelta(hours=9))
        return (await verbs["story"].handler(inv)).text

    by_number = await say(str(number))
    assert by_number.startswith(f"*Fire destroys grain terminal at Valdmere port* (`{fire}`): 3 outlets")
    lines = by_number.splitlines()
    timeline = [line for line in lines[lines.index("Coverage:") + 1:] if line.startswith("• ")]
    assert [line.split(": ", 1)[1].split(",")[0] for line in timeline] == ["Harbour Gazette", "Coastal Times",
                                                                           "Northern Ledger"]
    # what each outlet alone reports, under its line; the summary's sentences and shared facts are not repeated
    only = {lines[lines.index(line) - 1].split(": ", 1)[1].split(",")[0]: line.removeprefix("   only here: ")
            for line in lines if line.startswith("   only here: ")}
    assert only == {
        "Harbour Gazette": ("Firefighters from three towns fought the blaze for six hours before bringing it under "
                            "control."),
        "Northern Ledger": ("The conveyor had been flagged for repair two weeks before the blaze, according to "
                            "maintenance records seen by the investigators.")}
    assert await say(fire) == by_number and await say("grain terminal") == by_number
    assert "has no story number 7" in await say("7")
    assert "I found no story 'zebra'" in await say("zebra")
