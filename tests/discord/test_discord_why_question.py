"""Discord's ``/brief why`` with a question for its story option (``did the bridge close?``) is asked, as a mention
with those words is; ``why`` with ``#2`` or ``2`` stays the ``why`` verb."""

from __future__ import annotations

from discord_harness import AdapterFactory, start, stop
from fake_discord import FakeDiscord
from test_discord_bare_story_number import callback_of

from bot.commands.base import Invocation
from tests.channels.story_number_dispatch import story_number_dispatcher


async def test_a_why_question_as_the_story_option_is_asked(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    seen: list[Invocation] = []
    adapter = make_adapter()
    task = await start(adapter, fake, story_number_dispatcher(seen))
    try:
        for story in ("did the bridge close?", "#2", "2"):
            inter = await fake.push_command("why", {"story": story})
            await fake.wait_for(lambda inter=inter: bool(callback_of(fake, inter)))  # type: ignore[misc]
        assert [(inv.command, dict(inv.options)) for inv in seen] == [
            ("ask", {"question": "why did the bridge close"}), ("why", {"story": "#2"}), ("why", {"story": "2"})]
    finally:
        await stop(task, adapter)
