"""Direct quotes of the body and who said them.

Attribution rules, tried in order on the sentence holding the quote:
``"…," Name said`` / ``"…," said Name`` / ``"…," said festival director Name`` / ``"…," he told NBC``
(after the quote), then
``Name said/called/decried … "…"`` and ``Name: "…"`` (before it), then ``according to Name``.
A pronoun is the person named last before the quote; a surname is resolved to the full
name used earlier in the article when exactly one person carries it."""

from __future__ import annotations

import re

from tasks.metadata import entities, names

# Quotes shorter than this many words are scare quotes ("sham"), not statements.
MIN_QUOTE_WORDS = 4
SPEECH_VERBS = (
    r"said|says|told|tells|added|adds|wrote|writes|asked|asks|explained|stated|warned|argued|"
    r"insisted|noted|claimed|declared|replied|recalled|called|calls|decried|described|urged|"
    r"announced|tweeted|posted|acknowledged|admitted|conceded|continued|saying|shouted|shouting"
)
_QUOTE = re.compile(r"[\"“„]([^\"“”„]{3,}?)[\"”“]")
_SPEAKER = r"(?P<who>(?:[A-Z][\w’'.-]*\s+){0,5}?[A-Z][\w’'-]*|he|she|they)"
_AFTER = (
    re.compile(rf"^\s*,?\s*{_SPEAKER}\s+(?:(?:also|then|later|once again)\s+)?(?:{SPEECH_VERBS})\b"),
    re.compile(rf"^\s*,?\s*(?:{SPEECH_VERBS})\s+{_SPEAKER}\b"),
    re.compile(rf"^\s*,?\s*(?:[\w’'.-]+\s+){{1,6}}?{_SPEAKER}\s+(?:{SPEECH_VERBS})\b"),
    # "…," said festival director Jane Doe.: a lowercase role between the verb and the name, which
    # ends the clause ("said the Doe staffer" names a staffer, not Doe).
    re.compile(rf"^\s*,?\s*(?:{SPEECH_VERBS})\s+(?:[a-z][\w’'-]*\s+){{1,4}}?{_SPEAKER}(?=\s*(?:[.,;:!?\"“”]|$))"),
)
_BEFORE_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
_BEFORE_COLON = re.compile(rf"{_SPEAKER}\s*:\s*$")
_ACCORDING = re.compile(rf"\baccording to\s+(?:the\s+)?{_SPEAKER}")
PRONOUNS = frozenset({"he", "she", "they"})
QuoteFound = tuple[str, str | None]


def extract_quotes(text: str, people: list[str]) -> list[QuoteFound]:
    """(quote, speaker) pairs of a body text, in order; speaker None when nobody is named."""
    out: list[QuoteFound] = []
    last_person: str | None = None
    for sentence in entities.sentences(text):
        for match in _QUOTE.finditer(sentence):
            quote = match[1].strip().rstrip(",")
            if len(quote.split()) < MIN_QUOTE_WORDS:
                continue
            who = _speaker(sentence, match.start(), match.end(), people)
            out.append((quote, _resolve(who, people, last_person)))
        last_person = _last_person(sentence, people) or last_person
    return out


def _speaker(sentence: str, start: int, end: int, people: list[str]) -> str | None:
    """Who the sentence says spoke the quote at [start, end), as written (pronoun, surname ...)."""
    after, before = sentence[end:], sentence[:start]
    for pattern in _AFTER:
        match = pattern.match(after)
        if match and _speaker_like(match["who"], people):
            return match["who"]
    colon = _BEFORE_COLON.search(before)
    if colon and _speaker_like(colon["who"], people):
        return colon["who"]
    if _BEFORE_VERB.search(before):
        for run, _ in names.runs(before):
            name = names.peel(run)
            if name and _speaker_like(name, people) and name.lower() not in PRONOUNS:
                return name
        if re.match(r"^\s*(?:He|She)\b", before):
            return before.split()[0].lower()
    match = _ACCORDING.search(after)
    return match["who"] if match and _speaker_like(match["who"], people) else None


def _speaker_like(who: str, people: list[str]) -> bool:
    """A pronoun, a person-shaped name, or a name or surname of a person of the article."""
    name = names.peel(who) or who
    if who.lower() in PRONOUNS or names.looks_like_person(name):
        return True
    return any(name == p or name in p.split() for p in people)


def _resolve(who: str | None, people: list[str], last_person: str | None) -> str | None:
    if who is None:
        return None
    if who.lower() in PRONOUNS:
        return last_person if who.lower() != "they" else None
    name = names.peel(who) or who
    return entities.resolve_person(name, people)


def _last_person(sentence: str, people: list[str]) -> str | None:
    """The person named last in a sentence (full name or a surname of a known person)."""
    best, best_at = None, -1
    for person in people:
        at = sentence.rfind(person.rsplit(" ", 1)[-1])  # the surname ends the full name too
        if at > best_at:
            best, best_at = person, at
    return best
