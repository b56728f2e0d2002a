"""English statements that someone gave no comment or explanation, and who: for the cross-outlet repeat test."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.nlp.terms import english_stop_words

# "<subject> [adverb] did not / declined to / would not ... comment / explain / say why / give a reason", and
# "<subject> gave / offered / provided no reason / explanation / comment"; the subject is the word before the verb
# (adverbs between them from a closed list: "[a-z]+ly" took "The family did not ..." for "The" + adverb)
_WHAT = r"(?:a |an |any )?(?:reasons?|explanations?|comments?)"
_SILENT = re.compile(
    r"\b(?P<subject>[A-Za-z][A-Za-z'’-]*)\s+(?:(?:also|again|still|repeatedly|previously|initially)\s+)?"
    r"(?:(?:(?:did|does|do|would|will|could)(?:\s+not|n[’']t)|(?:declined|refused)\s+to)\s+"
    r"(?:(?:immediately|publicly|further|otherwise)\s+)?"
    rf"(?:comment|explain|elaborate|say\s+why|(?:give|offer|provide)\s+{_WHAT})"
    rf"|(?:gave|offered|provided)\s+no\s+{_WHAT})\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def silent_subject(text: str) -> str | None:
    """The subject word, lower-cased, of the first statement in ``text`` that someone gave no comment or explanation
    ("The tribunal did not comment ...", "The ministry gave no reason ...": "tribunal", "ministry"); None without
    one, or when its subject is a function word or pronoun ("He declined to comment"), since who is silent is then
    unknown, or when the sentence does not say who ("... rejected the appeal without comment")."""
    match = _SILENT.search(text)
    if match is None:
        return None
    subject = match["subject"].lower()
    return None if subject in english_stop_words() else subject
