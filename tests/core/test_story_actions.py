"""Button ids under a story: made and read back, and anything else refused."""

from __future__ import annotations

import pytest

from digests.story_actions import STORY_ACTIONS, action_id, parse_action_id


def test_every_action_id_reads_back_as_its_verb_and_story() -> None:
    for action in STORY_ACTIONS:
        made = action_id(action.verb, "s-1a2b3c4d5e6f7a8b")
        assert made == f"brief:{action.verb}:s-1a2b3c4d5e6f7a8b"
        assert parse_action_id(made) == (action.verb, "s-1a2b3c4d5e6f7a8b")


@pytest.mark.parametrize("value", ["", "brief", "brief:story", "brief:story:", "other:story:s-1",
                                   "brief:delete:s-1", "brief:story:s-1:extra"])
def test_anything_else_is_not_ours(value: str) -> None:
    assert parse_action_id(value) is None


def test_a_story_id_that_cannot_be_carried_gets_no_id() -> None:
    assert action_id("story", "s" * 200) == ""
    assert action_id("story", "a:b") == ""
    assert action_id("story", "") == ""
