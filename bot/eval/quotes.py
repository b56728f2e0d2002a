"""`briefbot eval quotes`: attribution extraction scored on PolNeAR speech attributions, beside a baseline."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from bot.eval.quote_metrics import Item, Tally, score_document, tokens_in
from bot.nlp.quote_cues import words
from bot.nlp.quote_rules import quote_spans
from bot.nlp.quotes import found_in, parse_many

Extractor = Callable[[Doc], list[Item]]
SUBSETS = ("all", "quoted", "unquoted")


# The gold rule's verbs of saying, frozen as they stood when the rule was first reported (equal to
# ``bot.nlp.quote_cues.SPEECH_VERBS`` then): tuning the extractor's lexicon must not move the gold set.
GOLD_SPEECH_VERBS = words(
    """say tell add argue state write claim warn insist deny accuse note ask explain announce declare
    underline emphasise emphasize stress suggest acknowledge admit respond reply answer recall mention
    tweet post comment confirm report remark observe allege assert contend maintain predict promise vow
    pledge urge criticize criticise charge complain concede caution testify quip joke reveal disclose
    signal indicate point describe blast slam praise dismiss reject counter retort lament recount
    continue agree disagree concur echo repeat reiterate conclude question demand call cite affirm
    estimate boast brag grumble threaten hint advise inform assure reassure speak talk tout decry
    condemn proclaim yell shout chant sing"""
)


def _says(doc: Doc, pieces: list[dict[str, Any]], *, verb: bool = False) -> bool:
    text = " ".join(c["text"] for c in pieces).lower()
    if "according to" in text:
        return True
    for piece in pieces:
        span = doc.char_span(piece["start"], piece["end"], alignment_mode="expand")
        if span is not None and any(t.lemma_.lower() in GOLD_SPEECH_VERBS and (t.pos_ == "VERB" or not verb)
                                    for t in span):
            return True
    return False


def repaired(doc: Doc, attribution: dict[str, Any]) -> dict[str, Any]:
    """PolNeAR has a few attributions with source and cue labels swapped (cue "Hester", source "said");
    those are read with the labels put back. Everything else is returned as is."""
    cue, source = attribution.get("cue") or [], attribution.get("source") or []
    if cue and source and not _says(doc, cue) and _says(doc, source, verb=True) and len(source) == 1 \
            and len(source[0]["text"].split()) <= 3:
        return {**attribution, "cue": source, "source": cue}
    return attribution


def is_speech(doc: Doc, attribution: dict[str, Any]) -> bool:
    """The gold rule: a cue with a verb of saying (``GOLD_SPEECH_VERBS``, by spaCy lemma) or "according to".

    PolNeAR also marks beliefs, intentions, endorsements and evidence ("believes", "backs", "polls
    show"); those are not quotes and are left out of gold. Attributions without a cue are left out.
    """
    return _says(doc, attribution.get("cue") or [])


def gold_items(doc: Doc, record: dict[str, Any], *, repair: bool = True) -> list[Item]:
    """The scored gold attributions of one record (``repair``: put swapped source/cue labels back)."""
    out: list[Item] = []
    for a in record["attributions"]:
        a = repaired(doc, a) if repair else a
        if not a.get("content") or not is_speech(doc, a):
            continue
        content = tokens_in(doc.text, [(c["start"], c["end"]) for c in a["content"]])
        speaker = tuple((s["start"], s["end"]) for s in a.get("source") or [])
        speaker_text = " ".join(s["text"] for s in a.get("source") or [])
        out.append(Item(content, speaker, speaker_text, bool(a.get("has_quote_marks"))))
    return out


def _quoted(text: str) -> bool:
    return any(m in text for m in ('"', "“", "”"))


def briefbot(doc: Doc, *, whole_span: bool = False) -> list[Item]:
    """Our extractor: dependency rules and the cue lexicon, with speaker spans. Content is scored as its
    pieces when the attribution phrase interrupts it; ``whole_span`` scores the stored span instead."""
    out: list[Item] = []
    for f, _spk in found_in(doc):
        speaker = ((f.speaker_start, f.speaker_end),) if f.speaker_start >= 0 else ()
        speaker_text = doc.text[f.speaker_start:f.speaker_end] if speaker else ""
        pieces = ((f.start, f.end),) if whole_span or not f.pieces else f.pieces
        out.append(Item(tokens_in(doc.text, pieces), speaker, speaker_text, _quoted(doc.text[f.start:f.end])))
    return out


def direct_only(doc: Doc) -> list[Item]:
    """Baseline: every quotation of 3+ words, spoken by the nearest person or organisation named in
    its sentence (the usual quotes-only approach). Its subset is read off its text by the rule gold and ``briefbot``
    follow (``_quoted``: straight or curly double marks), so a quotation in doubled single marks ('') is scored in
    "unquoted", where its gold is, and not as a "quoted" prediction matching "unquoted" gold."""
    out: list[Item] = []
    for start, end in quote_spans(doc.text):
        if len(doc.text[start:end].split()) < 3:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span[0].sent
        names = [e for e in sent.ents if e.label_ in ("PERSON", "ORG") and
                 (e.end_char <= start or e.start_char >= end)]
        near = min(names, key=lambda e: min(abs(e.start_char - end), abs(start - e.end_char)), default=None)
        speaker = ((near.start_char, near.end_char),) if near is not None else ()
        out.append(Item(tokens_in(doc.text, [(start, end)]), speaker, near.text if near else "",
                        _quoted(doc.text[start:end])))
    return out


SYSTEMS: dict[str, Extractor] = {"briefbot": briefbot, "direct-quotes-only": direct_only}


def evaluate(records: Sequence[dict[str, Any]], *, repair: bool = True) -> dict[str, dict[str, dict[str, float]]]:
    """Scores per system per subset: {system: {subset: {metric: value}}}."""
    tallies = {name: {s: Tally() for s in SUBSETS} for name in SYSTEMS}
    for record, doc in zip(records, parse_many(r["text"] for r in records), strict=True):
        golds = gold_items(doc, record, repair=repair)
        for name, system in SYSTEMS.items():
            score_document(system(doc), golds, tallies[name])
    return {name: {s: t.metrics() for s, t in subsets.items()} for name, subsets in tallies.items()}


def readings(records: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """``briefbot`` (all attributions) under each gold reading (labels repaired or as published) and
    content scoring (pieces or whole span), from one parse."""
    names = [(r, w) for r in (True, False) for w in (False, True)]
    tallies = {n: {s: Tally() for s in SUBSETS} for n in names}
    for record, doc in zip(records, parse_many(r["text"] for r in records), strict=True):
        for repair, whole in names:
            score_document(briefbot(doc, whole_span=whole), gold_items(doc, record, repair=repair),
                           tallies[(repair, whole)])
    def label(repair: bool, whole: bool) -> str:
        return f"{'repaired' if repair else 'published'}-gold/{'whole-span' if whole else 'pieces'}"

    return {label(r, w): tallies[(r, w)]["all"].metrics() for r, w in names}


def load_split(shared_dir: Path, split: str) -> list[dict[str, Any]]:
    """The records of ``eval/quotes/polnear/<split>.jsonl`` under ``shared_dir``."""
    path = shared_dir / "eval" / "quotes" / "polnear" / f"{split}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def flatten(scores: dict[str, dict[str, float]]) -> dict[str, float]:
    """{"all": {"overlap_f1": x}} -> {"overlap_f1": x, "quoted.overlap_f1": ...}."""
    out: dict[str, float] = {}
    for subset, metrics in scores.items():
        for key, value in metrics.items():
            out[key if subset == "all" else f"{subset}.{key}"] = round(value, 4)
    return out


def render(dataset: str, results: dict[str, dict[str, dict[str, float]]]) -> str:
    head = ["system", "subset", "gold", "pred", "exact P", "exact R", "exact F1",
            "ovl P", "ovl R", "ovl F1", "speaker acc"]
    lines = [f"{dataset} (speech attributions; overlap = shared tokens / larger span >= 0.5)",
             " | ".join(head)]
    for system, subsets in results.items():
        for subset, m in subsets.items():
            lines.append(" | ".join([
                system, subset, f"{m['gold']:.0f}", f"{m['predicted']:.0f}",
                *(f"{m[k]:.3f}" for k in ("exact_p", "exact_r", "exact_f1", "overlap_p", "overlap_r",
                                          "overlap_f1", "speaker_acc"))]))
    return "\n".join(lines)


def main(shared_dir: Path, *, split: str, as_json: bool, limit: int | None = None) -> int:
    """Score ``briefbot`` and the baseline on ``eval/quotes/polnear/<split>.jsonl`` under ``shared_dir``."""
    if split not in ("dev", "test"):
        print(f"unknown split {split!r}: use dev or test", file=sys.stderr)
        return 2
    path = shared_dir / "eval" / "quotes" / "polnear" / f"{split}.jsonl"
    if not path.is_file():
        print(f"PolNeAR data not found at {path}", file=sys.stderr)
        return 2
    records = load_split(shared_dir, split)
    if limit is not None:
        records = records[:limit]
    results = evaluate(records)
    dataset = f"polnear-{split}"
    if as_json:
        print(json.dumps({dataset: {name: flatten(s) for name, s in results.items()}}, indent=2))
    else:
        print(render(dataset, results))
    return 0
