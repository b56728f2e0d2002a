"""/brief story: a description naming no organisation ("company", "unnamed spokesperson") is one speaker only within
its article, as answers keep it (bot/answer/described.py): two articles' lines are neither put together nor given
one article's role; a description tied to a named body and a name stay one speaker across articles."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Attribution, SourceRef, Story
from digests.story_view import render_story

T = datetime(2031, 5, 6, 9, 0, tzinfo=UTC)


def _quote(article: str, speaker: str, content: str, role: str | None = None) -> Attribution:
    return Attribution(article, speaker, speaker, "said", content, "direct", 0, 0, len(content), role)


def _said(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("• *")]


def test_two_articles_company_lines_stay_apart_with_their_own_roles() -> None:
    story = Story(
        id="s-d", headline="Brenmoor quay flooded",
        sources=(SourceRef("a1", "Harbour Daily", "https://harbour.test/q", "Quay flooded", T),
                 SourceRef("a2", "Coastal Times", "https://coastal.test/q", "Pumps sent", T)),
        summary=(),
        quotes=(_quote("a1", "company", "“The quay pumps failed overnight”", role="ferry operator"),
                _quote("a1", "Ilse Varga", "“The water is going down”"),
                _quote("a2", "company", "“Our cranes were moved in time”"),
                _quote("a2", "Ilse Varga", "“The quay reopens on Friday”"),
                _quote("a1", "unnamed Valmont Air spokesperson", "“Flights run as planned”"),
                _quote("a2", "unnamed Valmont Air spokesperson", "“Cargo moves to the evening”")))
    lines = _said(render_story(story, tz=UTC))
    assert lines == [
        "• *company* (ferry operator) said: “The quay pumps failed overnight” (Harbour Daily)",
        "• *Ilse Varga* said: “The water is going down” (Harbour Daily)",
        "• *Ilse Varga* said: “The quay reopens on Friday” (Coastal Times)",
        # another article's "company" (perhaps another firm): its own line, without the first one's role
        "• *company* said: “Our cranes were moved in time” (Coastal Times)",
        "• *unnamed Valmont Air spokesperson* said: “Flights run as planned” (Harbour Daily)",
        "• *unnamed Valmont Air spokesperson* said: “Cargo moves to the evening” (Coastal Times)"]


def test_one_articles_description_lines_stay_together() -> None:
    story = Story(
        id="s-e", headline="Brenmoor quay flooded",
        sources=(SourceRef("a1", "Harbour Daily", "https://harbour.test/q", "Quay flooded", T),),
        summary=(),
        quotes=(_quote("a1", "unnamed spokesperson", "“The quay pumps failed overnight”", role="port spokesperson"),
                _quote("a1", "Ilse Varga", "“The water is going down”"),
                _quote("a1", "unnamed spokesperson", "“The pumps will be replaced”")))
    lines = _said(render_story(story, tz=UTC))
    assert lines == [  # named speakers first, then the article's spokesperson's lines together, with its role
        "• *Ilse Varga* said: “The water is going down” (Harbour Daily)",
        "• *unnamed spokesperson* (port spokesperson) said: “The quay pumps failed overnight” (Harbour Daily)",
        "• *unnamed spokesperson* (port spokesperson) said: “The pumps will be replaced” (Harbour Daily)"]
