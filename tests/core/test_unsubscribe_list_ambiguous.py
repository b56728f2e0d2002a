"""``unsubscribe A, B`` where the channel lists both the topic "A, B" and A and B separately: asked, not guessed."""

from __future__ import annotations

import pytest

from bot.commands.topic_input import topics_named
from bot.topics import TopicError

LISTED = ['"Lisport, harbour"', "Lisport", "harbour", "NATO"]


def test_a_list_that_also_names_one_listed_topic_is_refused_as_ambiguous() -> None:
    with pytest.raises(TopicError, match="could be"):
        topics_named(LISTED, "Lisport, harbour")


def test_the_quoted_form_and_a_plain_list_still_name_what_they_say() -> None:
    assert topics_named(LISTED, '"Lisport, harbour"').listed == ['"Lisport, harbour"']
    assert topics_named(LISTED, "harbour, NATO").listed == ["harbour", "NATO"]
    assert topics_named(['"Lisport, harbour"', "NATO"], "Lisport, harbour").listed == ['"Lisport, harbour"']
