"""A cue written as a participle ("..., adding rain was not expected") in the past form a line of its own needs."""

from __future__ import annotations

# "-ing" forms whose past is not the stem plus "-ed"
_IRREGULAR = {
    "saying": "said", "telling": "told", "writing": "wrote", "speaking": "spoke", "seeing": "saw",
    "giving": "gave", "making": "made", "thinking": "thought", "meaning": "meant", "putting": "put",
    "setting": "set", "having": "had", "keeping": "kept", "feeling": "felt", "hearing": "heard",
    "leaving": "left", "losing": "lost", "reading": "read", "bringing": "brought", "teaching": "taught",
    "finding": "found", "holding": "held", "standing": "stood", "understanding": "understood", "taking": "took",
    "choosing": "chose", "knowing": "knew", "swearing": "swore", "forecasting": "forecast",
    "broadcasting": "broadcast", "foreseeing": "foresaw", "lying": "lied", "being": "was",
    "getting": "got", "sending": "sent", "spending": "spent", "building": "built", "showing": "showed",
}
# words ending in "-ing" that are no participle of a cue ("according to" stays as written)
_NOT_PARTICIPLES = frozenset({"according", "during", "nothing", "something", "anything", "everything", "king",
                              "thing", "bring", "ring", "sing", "string", "spring", "morning", "evening"})
_VOWELS = frozenset("aeiou")


def past_form(cue: str) -> str:
    """``cue`` with a first word written as a participle in its past form: "adding" -> "added", "stating" ->
    "stated", "emphasizing" -> "emphasized", "arguing" -> "argued", "denying" -> "denied", "pointing out" ->
    "pointed out", irregular ones from a table ("saying" -> "said"); any other cue as it is. The case of the first
    letter is kept."""
    first, sep, rest = cue.partition(" ")
    lower = first.lower()
    if lower in _IRREGULAR:
        past = _IRREGULAR[lower]
    elif lower.endswith("ing") and lower.isalpha() and lower not in _NOT_PARTICIPLES and len(lower) > 5:
        stem = lower[:-3]
        if stem.endswith("y") and stem[-2] not in _VOWELS:  # deny-ing -> denied
            past = stem[:-1] + "ied"
        elif stem.endswith("e"):  # agree-ing -> agreed
            past = stem + "d"
        else:  # stat-ing -> stated, add-ing -> added, admitt-ing -> admitted
            past = stem + "ed"
    else:
        return cue
    past = past[:1].upper() + past[1:] if first[:1].isupper() else past
    return past + sep + rest
