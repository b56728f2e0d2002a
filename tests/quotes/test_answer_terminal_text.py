"""`briefbot ask` on a terminal shows article text as written: no backslashes from the chat escaping."""

from __future__ import annotations

from bot.answer.plain import plain, unescaped
from bot.answer.respond import render_terminal

from .test_answer_untrusted_markup import EVIL, TITLE, hostile_answer


def test_the_terminal_answer_shows_quotes_and_titles_without_backslashes() -> None:
    text = render_terminal(hostile_answer())
    assert "\\" not in text, text
    assert "we will [claim your refund](https://phish.example/login) ||secret|| `x` <@&123>" in text, text
    assert TITLE.removeprefix("# ") in text and "*Ilse*" not in text, text
    assert "<https://harbor.example/1>" in text


def test_unescaped_undoes_plain_even_for_backslashes_in_the_text() -> None:
    for text in (EVIL.replace(" @everyone", ""), TITLE, r"C:\ports\[draft] a\\b *x* _y_ ~z~"):
        assert unescaped(plain(text)) == text
