"""The one byline grammar: the labels that open a byline and the shape of the name after them
("By Jane Doe", "Written by: Jane Doe", "Autor" / "Jane Doe", "Ein Artikel von Jane Doe | 27.01.2022"),
for the lines of plain-text payloads and of HTML pages alike."""

from __future__ import annotations

import re

from tasks.common import datetext

# Labels a forum thread prints above its first poster's name ("Thread starter" / "jane_doe"): the
# thread's author, wherever other bylines on the page stand (XenForo's header; on wcxb forum pages
# of 20 sites, always followed by the truth's name; "Started by" is mostly the similar-threads rail).
STARTER_LABELS = ("thread starter",)
# Labels that open a byline, in the corpus' languages, by how much they prove on their own:
# phrases and the singular "author" nouns may stand alone above the name ("Autor" / "Jane Doe");
# credit nouns that also name menu items and sections ("Text", "Interview") need a colon; bare
# prepositions ("von", "by") need the name itself, name-shaped, on the same line.
BYLINE_PHRASES = (
    "written by", "posted by", "published by", "story by", "words by", "text by", "reported by",
    "ein artikel von", "ein beitrag von", "artikel von", "beitrag von", "geschrieben von",
    "verfasst von", "erstellt von", "veröffentlicht von", "eingestellt von", "gepostet von",
    "écrit par", "rédigé par", "publié par", "escrito por", "publicado por", "scritto da",
    "pubblicato da", "geschreven door", "autorin", "autor", "author", "auteur", "auteure",
    "autore", "autora", *STARTER_LABELS,
    # the editor in charge, whom Chinese news pages credit ("责任编辑：" / "Jane"): sohu.com,
    # xinhuanet.com, banyuetan.org
    "责任编辑",
)
# The plural author nouns open a byline like a preposition too, a name-shaped list right after
# them ("Autoren Jane Doe und John Roe").
PLURAL_AUTHOR_NOUNS = ("autoren", "authors", "auteurs", "autori")
CREDIT_NOUNS = (*PLURAL_AUTHOR_NOUNS, "text", "texte", "interview", "von", "by")
BYLINE_PREPOSITIONS = ("von", "by", "par", "por", "door", "av")
# "By" alone on its line, the name on the next ("By" / "Jane Doe"; Italian "di"). Each alone on a
# line on pages of 3+ sites of ../shared/corpus (by 134, by: 22, von 16, por 5, di 4; round 33's
# audit dropped "par", "door", "av", "af": 0-1 sites).
BY_WORDS = frozenset({"by", "by:", "von", "por", "di"})
# The English byline line the clean stage's line roles know: "By Jane Doe and John Roe, Reuters",
# "Story by Jane Doe", "Reporting by Jane Doe" (its roles are features of the line model, so this
# shape stays as that model learned it; other languages' labels are read by ``after_label``).
BY_LINE = re.compile(
    r"^(?i:(?:story|text|words|report(?:ing)?|written|posted|photos?)\s+)?(?i:by)\s*:?\s+"
    r"(?P<names>[A-Z][\w.'’\-]+(?:\s+(?:[A-Z][\w.'’\-]+|de|van|von|da|del|la|and|&|,))*.{0,80})$",
)
# A short visible line that is a byline: "By Jane Doe", "von Jane Doe", "Autor: Jane Doe".
VISIBLE_BYLINE = re.compile(
    r"^(?i:by|von|par|por|door|av|autor(?:in)?\s*:|author\s*:|text\s*:|written by)\s+"
    r"((?:[A-ZÀ-ÖØ-Þ][\w.'’-]*\s+){0,3}[A-ZÀ-ÖØ-Þ][\w'’-]+)\s*[,.|]?$",
)
# Card labels that introduce the author: Yoast SEO's "Written by" in the translations its
# ``twitter:labelN`` of pages of 3+ sites of ../shared/corpus prints (written by 200, verfasst von
# 23). Counted in the card labels, where the code reads them; round 33's audit dropped thirteen on
# 0-1 sites ("geschrieben von" 1; "autor", "author", "auteur" and nine translations 0).
WRITTEN_BY_LABELS = frozenset({"written by", "verfasst von"})

# Byline words that only open the credits of a known author string (never a line on their own):
# role nouns, and the prepositions that are also common words elsewhere. Each on pages of 3+ sites
# of ../shared/corpus (de 349, da 150, vom 133, di 40, redakteur 7, redakteurin 5, przez 3; round
# 33's audit dropped seven glued, German-profile and CJK forms on 0-2 sites).
CREDIT_LEADS = ("redakteur", "redakteurin", "vom", "di", "de", "da", "przez")
# Every word that may open an author string, for stripping it off.
BYLINE_LEADS = tuple(dict.fromkeys((*BYLINE_PHRASES, *CREDIT_NOUNS, *BYLINE_PREPOSITIONS, *CREDIT_LEADS)))


def _longest_first(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# What an author box may say before a phrase label: "Article written by:", "This post was written
# by Jane Doe," (obesitymedicine.org, blog.scholasticahq.com, parkview.com, bdcnetwork.com).
_PHRASE_SUBJECT = r"(?:(?:this|the)\s+)?(?:blog\s+)?(?:article|post|story|piece)\s+(?:was\s+)?"
# The label, then a colon (a name may follow it unspaced: "Written by:Jane Doe"), spaces or the end.
_PHRASE = re.compile(
    rf"^(?:{_PHRASE_SUBJECT})?(?:{_longest_first(BYLINE_PHRASES)})(?:\s*[:：]\s*|\s+|$)(?P<rest>.*)$", re.I
)
_CREDIT = re.compile(rf"^(?:{'|'.join(CREDIT_NOUNS)})\s*[:：]\s*(?P<rest>.*)$", re.I)
_PREPOSITION = re.compile(rf"^(?:{'|'.join((*BYLINE_PREPOSITIONS, *PLURAL_AUTHOR_NOUNS))})\s+(?P<rest>\S.*)$", re.I)
# "ByJane Doe": the page's markup prints "By" and the name as two elements with no space between
# (abc7ny.com, abcnews.go.com, nationalgeographic.com and 7 more sites of the corpora).
_GLUED_BY = re.compile(r"^By(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")
# A name after a bare preposition: capitalised words (particles allowed), then the end of the
# line or what bylines put after a name (a separator, phpBB's "by Jane Doe » Tue Aug 27", a date,
# "am"/"on" and a date).
_NAME_THEN_END = re.compile(
    r"^(?P<name>[A-ZÀ-ÖØ-Þ][\w.'’-]*(?:\s+(?:(?:von|van|der|den|de|da|del|di|du|la|le|und|and|et|y|&)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w.'’-]*){0,4})\s*(?:$|[,|·•/(–—»-]|\s(?:am|on|le|el|il|um|at|in)\s|\s\d)"
)

# A user's handle after a label, then a separator that closes a byline: phpBB's "by jane_doe »
# Tue Aug 27", "by jdoe | 3 comments", "Verfasst von: jdoe | 31. Dezember 2008" (prose never
# puts "»" or "|" after "by word"). After a bare preposition the handle may also end the line
# ("by jdoe"; a common word is no name: ``names_a_thing``); after a colon label it may not, as
# search syntax and form fields print a placeholder there ("author:username"). Handles in lower
# case after a label are printed on sites of both corpora (abduzeedo.com, whova.com, infuy.com,
# jsteinhardt.wordpress.com, mitundvoneinander.wordpress.com).
_HANDLE = r"(?P<name>(?=[\w.-]*[^\W\d_])[\w.-]{2,20})"
_HANDLE_THEN_SEPARATOR = re.compile(rf"^{_HANDLE}\s*[»|]")
_HANDLE_ALONE = re.compile(rf"^{_HANDLE}\s*$")
# A name in Chinese or Japanese script, which has no capitals ("责任编辑：孔德明").
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def is_starter_label(line: str) -> bool:
    """Whether the line opens with a label naming a thread's starter ("Thread starter jdoe")."""
    return line.casefold().startswith(STARTER_LABELS)


def after_label(line: str, *, heading: bool = False) -> str | None:
    """The text after a byline label ('' for a label alone on its line), None for other lines.

    A heading is never read as "preposition + name": a headline may start with "Von ..."."""
    if line.strip().casefold() in BY_WORDS:  # "By" alone, the name on the next line
        return ""
    line = _GLUED_BY.sub("By ", line)
    match = _PHRASE.match(line) or _CREDIT.match(line)
    if match:
        rest = match["rest"].strip(" :|-–—")
        named = rest[:1].isupper() or _CJK.match(rest) or _HANDLE_THEN_SEPARATOR.match(rest) or (
            is_starter_label(line) and _HANDLE_ALONE.match(rest))  # "Thread starter jdoe"
        return rest if named or not rest else None
    match = None if heading else _PREPOSITION.match(line)
    if match is None:
        return None
    rest = match["rest"]
    name = _NAME_THEN_END.match(rest) or _HANDLE_THEN_SEPARATOR.match(rest) or _HANDLE_ALONE.match(rest)
    return rest if name and name["name"].casefold() not in datetext.MONTHS else None
