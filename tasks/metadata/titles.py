"""The headline: the page's ``<h1>`` when a declared title confirms it, else a declared title
without its site name affix (``Title - Action News``, ``The Site | Title``)."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from tasks.common import datetext
from tasks.common.page_lines import slug_tokens

# A dash set between CJK text without spaces (after a fullwidth mark too: "城！-新华网"), as
# a spaced dash is in other scripts.
_CJK_DASH = r"(?<=[\u3000-\u9fff\uff00-\uffef])-(?=[\u3000-\u9fff])"
# Separators between a headline and a site/section name in <title> and og:title.
AFFIX_SEPARATOR = re.compile(rf"\s+[|\-–—·•»«:⋆/~]{{1,2}}\s+|\s*[|｜_]\s*|\s+::\s+|{_CJK_DASH}")
# An <h1> shorter than this (in word characters) is a logo or a section name, not a headline.
MIN_H1_CHARS = 8
# Separators that make an <h1> a run of labels (date, site, categories), not a headline.
_MENU_SEPARATOR = re.compile(r"\s[|•·]\s")
# An unconfirmed lone <h1> with fewer words is a label ("Aktuelles", "Medienmitteilungen").
MIN_LONE_H1_WORDS = 2
# An <h1> must cover at least this share of the declared title (site affix removed), else it
# is a kicker, a section or the blog's name (title exact on corpus/meta: 0.3 -> 79.1, 0.4 -> 79.5,
# 0.5 -> 79.1, 0.6 -> 78.8, 0.7 -> 78.1).
MIN_H1_SHARE = 0.4
# A title part that contains the site name and at most this many more characters names the site
# (``gipfelbuch.ch`` for ``gipfelbuch``); a longer part is a headline that mentions the site
# (4 to 10 score the same on corpus/meta).
SITE_PART_SLACK = 6
# A "Title - Suffix" suffix of a plain-text title line up to this many words is taken as the
# site's name (site names seen in corpus/meta titles run 1-6 words; not tuned further).
MAX_AFFIX_WORDS = 6
# Words of an affix that the page prints elsewhere as a line of its own (the logo's text, the
# copyright line): longer end parts are the headline's own words.
MAX_ECHOED_AFFIX_WORDS = 4
# The mark between the steps of a title written as a breadcrumb trail.
_TRAIL_MARK = re.compile(r"\s+[»›]\s+")
_ALNUM = re.compile(r"[\W_]+")
# The label of a home page, in a declared title ("Home", "Home - The Site"): never the headline
# alone. A part of the declared titles on pages of 3 sites of the corpora (``literal_sites.py``;
# "Home Page" / "Homepage" on one, bestsharpeningstones.com, so not listed).
HOME_LABELS = frozenset({"home"})
_WORD = re.compile(r"\w+")
# A spaced bar or dash in a declared title that no printed headline confirms: on the pages
# where the declared title is the fallback, cutting there scores wcxb title exact +1.8 and
# corpus/meta +0.9 (bars only: +1.3 and +0.1; keeping the longest part instead: +0.8, +2.0).
# CJK titles set the site's name apart by an unspaced dash ("…城！-新华网").
_FIRST_SEPARATOR = re.compile(rf"(?<![\d.])\s+[|｜–—-]\s+(?!\d)|{_CJK_DASH}")
# How many more of its words the URL's slug must share with the page's lone <h1> than with its
# declared title (or the reverse) for the slug to choose between two that differ: the slug keeps
# the headline the page was published under where one of them was rewritten later (on wcxb, 2
# and 1 score alike, 3 less; corpus/meta is unmoved). The same lead lets the slug name the title
# of a page that is no article (``slug_named_form``: lead 2 wcxb title exact 83.54, corpus/meta
# 89.08; lead 3 83.54, 88.69).
MIN_SLUG_LEAD = 2
# A kicker glued before the headline in its <h1> runs up to this many words (seen: 1-4).
MAX_KICKER_WORDS = 5
# The permalink a documentation generator appends to each heading (Sphinx's "¶", "§",
# the link emoji): part of the <h1>'s text, never of the headline.
_PERMALINK_MARK = re.compile(r"\s*[¶§\U0001F517]+$")
# Opening quotes and brackets a headline may start with, and the marks that part a kicker from
# its headline in print (after them the two read as one headline: "Design: The Guide").
_OPENING_MARKS = "\"'„“‚‘«»([¿¡"
_PARTING_MARK = re.compile(r"[:|\-–—·•/]")
# A year in a headline: list and guide headlines are re-dated each year ("Best X in 2025"), in the
# <h1> or in the declared title first, and an <h1> may leave off the year that the declared title
# prints at its end ("in 2025", "2025", "(March 2026)"). The later-dated form is the truth on 5 wcxb
# sites (consumerfinance.gov, halomentalhealth.com, brighterly.com, seniorliving.org, arc.dev),
# the undated <h1> on 1 (pcworld.com); no corpus/meta page has either.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATING_TAIL = re.compile(r"\s+(?:(?:in|for|of)\s+)?[(\[]?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d[)\]]?\s*")


class H1Layout(NamedTuple):
    """Where the page prints its ``<h1>``s: inside its ``<article>``, and as a link of its menus."""

    in_article: list[str]
    in_menu: list[str]


NO_LAYOUT = H1Layout([], [])


def squash(text: str | None) -> str:
    """Lowercase letters and digits only, for comparing titles written differently."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return _ALNUM.sub("", text)


def confirmed_h1(h1s: list[str], declared: list[str], site_names: list[str]) -> str | None:
    """The ``<h1>`` that the most trusted declared title (og:title, headline, title tag ...)
    contains and that is most of that title, not the site's name or a kicker."""
    sites = _site_keys(site_names)
    candidates = [h for h in h1s if len(squash(h)) >= MIN_H1_CHARS
                  and not _names_site(h, sites) and not _ends_a_title(h, declared)]
    for title in declared:
        ref = squash(title)
        need = MIN_H1_SHARE * len(squash(strip_site_affix(title, site_names)))
        for h1 in candidates:
            if squash(h1) in ref and len(squash(h1)) >= need:
                return h1
    return None


def _ends_a_title(h1: str, declared: list[str]) -> bool:
    """Whether a short ``<h1>`` is the last part of a ``Headline | Name`` title: the site's, the
    blog's or the manual's name printed as its logo (a longer last part is a headline after a
    kicker: "SARS-2/COVID-19 - Heute schon an morgen denken")."""
    if len(h1.split()) > MAX_ECHOED_AFFIX_WORDS:
        return False
    key = squash(h1)
    return any(len(parts) > 1 and squash(parts[-1]) == key
               for parts in ([p for p in AFFIX_SEPARATOR.split(d) if p.strip()] for d in declared))


def lone_h1(h1s: list[str], site_names: list[str], menu: list[str] | None = None) -> str | None:
    """The page's only ``<h1>`` besides those naming the site (its logo) and the one-word labels
    of its sections ("Usage") that its ``menu`` does not link, when it reads as a headline (long
    enough, several words), even where no declared title contains it: a page's headline is
    printed once, while its declared titles are often SEO rewrites of it."""
    sites = _site_keys(site_names)
    h1s = [h for h in h1s if not _names_site(h, sites)]
    h1s = [h for h in h1s if len(h.split()) >= MIN_LONE_H1_WORDS or h in (menu or [])] or h1s
    if len(h1s) != 1:
        return None
    h1 = h1s[0]
    if len(squash(h1)) < MIN_H1_CHARS or len(h1.split()) < MIN_LONE_H1_WORDS:
        return None
    return None if datetext.find_dates(h1) or _MENU_SEPARATOR.search(h1) else h1


def _menu_label(h1s: list[str], declared: list[str], site_names: list[str], menu: list[str]) -> str | None:
    """The page's only ``<h1>`` (besides the logo's) where it is one word that the site's menus also
    link ("Headlamps", "Science"): the name of the category or section the page is, printed as its
    heading, where a lone word is otherwise a label. Not a step of a declared trail ("Site |
    Section | Headline"): there the section's page is another one."""
    sites = _site_keys(site_names)
    h1s = [h for h in h1s if not _names_site(h, sites)]
    if len(h1s) != 1 or len(h1s[0].split()) != 1 or h1s[0] not in menu:
        return None
    return None if _steps_a_trail(h1s[0], declared) else h1s[0]


def _steps_a_trail(part: str, declared: list[str]) -> bool:
    """Whether ``part`` is a step before the last of a declared title of three parts or more."""
    key = squash(part)
    for title in declared:
        parts = [squash(p) for p in AFFIX_SEPARATOR.split(title) if p.strip()]
        if len(parts) > 2 and key in parts[:-1]:
            return True
    return False


def _site_keys(site_names: list[str]) -> list[str]:
    return [squash(s) for s in site_names if s and len(squash(s)) >= 2]


def strip_site_affix(title: str, site_names: list[str]) -> str:
    """The title without a leading or trailing part that names the site (or a short section)."""
    parts = [p for p in AFFIX_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    sites = _site_keys(site_names)
    kept = [p for p in parts if not _names_site(p, sites)]
    if kept and len(kept) < len(parts):
        return _rejoin(title, kept)
    return title


def _without_site_suffix(headline: str, site_names: list[str]) -> str:
    """A printed headline without a last part that names the site ("Catering Tips | Cookshack");
    a first part is the headline's topic ("Welpen kaufen – Tipps ...")."""
    parts = [p for p in AFFIX_SEPARATOR.split(headline) if p.strip()]
    if len(parts) > 1 and _names_site(parts[-1], _site_keys(site_names)):
        return _rejoin(headline, parts[:-1])
    return headline


def _names_site(part: str, sites: list[str]) -> bool:
    key = squash(part)
    return bool(key) and any(
        key == s or (len(key) >= 4 and key in s) or (s in key and len(key) - len(s) <= SITE_PART_SLACK)
        for s in sites
    )


def site_names_apart_from_titles(site_names: list[str], declared: list[str]) -> list[str]:
    """The site names without those that are a whole ``Headline - Site`` title: a reader that
    takes the site's name from the title tag (trafilatura's, a JSON-LD ``WebPage`` name) hands
    the headline over as the site's name, and every headline part would then name the site."""
    titled = {squash(t) for t in declared if len(AFFIX_SEPARATOR.split(t)) > 1}
    return [s for s in site_names if squash(s) not in titled]


def shortens_declared(h1: str, declared: list[str]) -> bool:
    """Whether every word of the ``<h1>`` is in one declared title: the headline the page prints,
    where the declared title pads it for search ("Camping Tents" for "Camping Tents: Large
    Tents for Family & Car Camping"). A slogan <h1> shares few words with the page's name.
    (On the pages that declare no article, requiring every word scores wcxb title exact +0.7
    and corpus/meta ±0; half the words +0.5 and +0.1.)"""
    words = set(_WORD.findall(h1.casefold()))
    return any(words <= set(_WORD.findall(d.casefold())) for d in declared)


def library_title(title: str | None, h1s: list[str], declared: list[str]) -> str | None:
    """trafilatura's title of the page, unless it is only the first of several ``<h1>``s read back
    (its reader takes the first ``<h1>``) and shares no word with the page's declared titles: a
    cookie banner's or a teaser's heading on a home or listing page, which would otherwise confirm
    itself as the headline. A lone ``<h1>`` read back stays a declaration: there it is the
    headline more often than the declared titles that share no word with it (a site-wide
    og:title, a slogan): dropped there too, wcxb title exact 82.9 -> 82.7, corpus/meta 87.6 -> 86.6."""
    if not title or not declared or len(set(h1s)) < 2 or squash(title) not in {squash(h) for h in h1s}:
        return title
    return title if _shares_a_word(title, declared) else None


def _shares_a_word(h1: str, declared: list[str]) -> bool:
    """Whether the ``<h1>`` has a word of a declared title (or the page declares none): one that
    shares none is a section label, a slogan or a widget's heading ("Special Offers" on a page
    declared "Pest Control Coupons"), while a rewritten headline keeps some of its words."""
    words = set(_WORD.findall(h1.casefold()))
    return not declared or any(words & set(_WORD.findall(d.casefold())) for d in declared)


def _rejoin(title: str, kept: list[str]) -> str:
    """Keep the contiguous run of the original title from the first kept part to the last."""
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(kept)


def choose_title(
    h1s: list[str], declared: list[str], site_names: list[str], *, article: bool = False, slug: str | None = None,
    layout: H1Layout = NO_LAYOUT,
) -> str | None:
    """The headline from the page's h1s and its declared titles (best source first); on a page
    that declares itself an article, its lone ``<h1>`` even where no declared title contains it
    (on product and service pages the declared title is the name and the <h1> a slogan, unless
    the <h1> is the declared title cut short); the URL's ``slug`` decides between an unconfirmed
    <h1> and the declared title when it clearly names one of them; ``layout`` tells where the
    page prints its <h1>s. On a page that declares no article, a headline the URL's slug names
    clearly rather than the rules' choice is taken (``slug_named_form``)."""
    site_names = site_names_apart_from_titles(site_names, declared)
    slug_words = slug_tokens(slug) if slug else set()
    chosen = _rules_title(h1s, declared, site_names, article=article, slug_words=slug_words, layout=layout)
    if article or not chosen:
        return chosen
    return slug_named_form(chosen, [*_printed_once(h1s), *declared], site_names, slug_words) or chosen


def _rules_title(
    h1s: list[str], declared: list[str], site_names: list[str], *, article: bool, slug_words: set[str],
    layout: H1Layout,
) -> str | None:
    h1s = _article_headline(_printed_once(h1s), _printed_once(layout.in_article))
    h1 = (confirmed_h1(h1s, declared, site_names) or headline_after_kicker(h1s, declared, site_names)
          or _printed_h1(h1s, declared, site_names, article=article, slug_words=slug_words,
                         menu=_printed_once(layout.in_menu)))
    if h1:
        headline = _without_site_suffix(without_printed_kicker(h1, declared, site_names), site_names)
        return _latest_dated(headline, declared, site_names)
    for title in (_without_home_label(d) for d in declared):
        if title:
            return _part_named_by_slug(strip_site_affix(breadcrumb_end(title), site_names), slug_words)
    return h1s[0] if h1s else None


def _printed_once(h1s: list[str]) -> list[str]:
    """The ``<h1>`` texts without their permalink marks, each once: a headline printed twice (a
    mobile and a desktop copy) is still the page's only one."""
    return list(dict.fromkeys(h for h in (_PERMALINK_MARK.sub("", h) for h in h1s) if h))


def _article_headline(h1s: list[str], in_article: list[str]) -> list[str]:
    """Of several ``<h1>``s, the one printed inside the page's ``<article>`` where it is the only
    one there: the others are the logo's, a newsletter box's or a sidebar's."""
    if len(h1s) > 1 and len(in_article) == 1 and in_article[0] in h1s:
        return in_article
    return h1s


def _without_home_label(title: str) -> str:
    """A declared title without the part that labels the home page ("Home - The Site" is the
    site's home: "The Site"); empty when that label is all it says."""
    parts = [p for p in AFFIX_SEPARATOR.split(title) if p.strip()]
    kept = [p for p in parts if squash(p) not in HOME_LABELS]
    if not kept:
        return ""
    return _rejoin(title, kept) if len(kept) < len(parts) else title


def breadcrumb_end(title: str) -> str:
    """The last step of a title written as a trail ("Site » Blog archive » Post"): the page's
    own name; a title with one such mark is "Headline » Site" and stays whole."""
    steps = _TRAIL_MARK.split(title)
    return steps[-1].strip() if len(steps) > 2 and steps[-1].strip() else title


def headline_after_kicker(h1s: list[str], declared: list[str], site_names: list[str]) -> str | None:
    """The end of the first ``<h1>`` that a declared title is, after a few words printed before
    it: a kicker or a label ("Einheit der WocheLagen-Pyramide mit GA2", "Blog: Best ...", where
    og:title says "Lagen-Pyramide mit GA2")."""
    refs = {squash(t) for d in declared for t in _headline_forms(d, site_names)}
    refs = {r for r in refs if len(r) >= MIN_H1_CHARS}
    h1 = h1s[0] if h1s else ""
    for start in range(1, len(h1)):
        kicker = h1[:start]
        if len(kicker.split()) > MAX_KICKER_WORDS:
            break
        if h1[start].isalnum() and _ends_kicker(kicker) and squash(h1[start:]) in refs:
            return h1[start:].strip()
    return None


def without_printed_kicker(h1: str, declared: list[str], site_names: list[str]) -> str:
    """The ``<h1>`` without the few words a declared title sets apart before its headline
    ("Forum - Topic", "Kicker | Headline") where the ``<h1>`` prints them run into it, unseparated:
    a category or kicker in an element of its own, not a part of the headline."""
    if _FIRST_SEPARATOR.search(h1):
        return h1
    key = squash(h1)
    for title in declared:
        bare = strip_site_affix(title, site_names)
        pieces = _FIRST_SEPARATOR.split(bare, maxsplit=1)
        if len(pieces) == 2 and squash(bare) == key and len(pieces[0].split()) <= MAX_KICKER_WORDS:
            rest = _after_prefix(h1, squash(pieces[0]))
            if rest:
                return rest
    return h1


def _after_prefix(text: str, prefix: str) -> str | None:
    """What follows the start of ``text`` that squashes to ``prefix``, where nothing printed
    parts them (a colon or a dash there makes the two one headline: "Design: The Guide")."""
    for end in range(1, len(text)):
        head, rest = text[:end].rstrip(), text[end:].lstrip()
        key = squash(head)
        if len(key) > len(prefix):
            break
        if key == prefix and rest and _starts_words(rest) and not _PARTING_MARK.match(head[-1]):
            return rest
    return None


def _starts_words(text: str) -> bool:
    """Whether a word or an opening quote starts the text (a quote before a space closes)."""
    return text[0].isalnum() or (text[0] in _OPENING_MARKS and len(text) > 1 and not text[1].isspace())


def _headline_forms(title: str, site_names: list[str]) -> tuple[str, str]:
    bare = strip_site_affix(title, site_names)
    return bare, first_part(bare)


def _ends_kicker(kicker: str) -> bool:
    """Whether a kicker can end here: it has a word (an opening quote is the headline's own) and
    is glued to the headline ("WocheLagen"), ended by punctuation ("Blog: ") or of two words or
    more (a single "The" is the headline's own)."""
    if not _WORD.search(kicker):
        return False
    return not kicker[-1].isspace() or not kicker.rstrip()[-1].isalnum() or len(kicker.split()) >= 2


def first_part(title: str) -> str:
    """A declared title up to its first spaced separator: what follows is a tagline, a section, a
    product variant or a site name no declared name gives ("Mesh Office Chair | NBF"). Not a
    separator between numbers ("14. - 20. Januar", "2024 - 2025")."""
    return _FIRST_SEPARATOR.split(title, maxsplit=1)[0].strip() or title


def _printed_h1(
    h1s: list[str], declared: list[str], site_names: list[str], *, article: bool, slug_words: set[str],
    menu: list[str],
) -> str | None:
    """The lone ``<h1>`` that no declared title contains, where it is the declared title cut short
    or a link of the page's ``menu`` (the category or section the page is), or on an article,
    unless the URL's slug names the declared title rather than it (on another page, where the
    slug names it rather than the declared title)."""
    lone = (lone_h1(h1s, site_names, menu) or _menu_label(h1s, declared, site_names, menu)
            or _h1_named_by_slug(h1s, declared, site_names, slug_words))
    if not lone or _ends_a_title(lone, declared) or not _shares_a_word(lone, declared):
        return None
    if shortens_declared(lone, declared) or _redatings(lone, declared, site_names) or lone in menu:
        return lone
    if article:
        return None if _slug_names_rather(declared[0], lone, slug_words) else lone
    return lone if _slug_names_rather(lone, declared[0], slug_words) else None


def _latest_dated(headline: str, declared: list[str], site_names: list[str]) -> str:
    """The headline, or the declared title (site part cut) that words it alike but names a later
    year: the headline's year updated in one place and not the other, or printed only in the
    declared title ("15 Best Tutoring Platforms" declared "15 Best Tutoring Platforms 2025")."""
    return max([headline, *_redatings(headline, declared, site_names)], key=_latest_year)


def _redatings(headline: str, declared: list[str], site_names: list[str]) -> list[str]:
    """The declared titles' headline forms that differ from the headline only by their years, or
    by a year they add at its end."""
    # In the declared titles' order, so that a tie in ``_latest_dated`` goes the same way in every process.
    forms = dict.fromkeys(f for d in declared for f in _headline_forms(d, site_names))
    return [f for f in forms if _redates(f, headline)]


def _redates(form: str, headline: str) -> bool:
    """Whether ``form`` is the headline with other years, or (where it names none) with a year after it."""
    if _YEAR.search(headline):
        return squash(form) != squash(headline) and _year_masked(form) == _year_masked(headline)
    return form.startswith(headline) and bool(_DATING_TAIL.fullmatch(form[len(headline):]))


def _year_masked(text: str) -> str:
    """The squashed text with each year written alike."""
    return squash(_YEAR.sub("year", text))


def _latest_year(text: str) -> int:
    """The text's latest year, 0 when it names none."""
    return max((int(y) for y in _YEAR.findall(text)), default=0)


def _part_named_by_slug(title: str, slug_words: set[str]) -> str:
    """A declared title's first part, or a later part the URL's slug names rather than it (the
    headline after a blog's or a column's name: "Jane's Notes - Why we moved")."""
    parts = [p.strip() for p in _FIRST_SEPARATOR.split(title) if p.strip()]
    named = [p for p in parts[1:] if _slug_names_rather(p, parts[0], slug_words)]
    return named[0] if named else first_part(title)


def _h1_named_by_slug(h1s: list[str], declared: list[str], site_names: list[str], slug_words: set[str]) -> str | None:
    """Of several ``<h1>``s (the headline among teasers', widgets' and the logo's), the one the
    URL's slug names, where it names that one rather than the declared title."""
    if not slug_words or not declared or len(h1s) < 2:
        return None
    best = max(h1s, key=lambda h: len(slug_words & slug_tokens(h)))
    return best if lone_h1([best], site_names) and _slug_names_rather(best, declared[0], slug_words) else None


def slug_named_form(chosen: str, candidates: list[str], site_names: list[str], slug_words: set[str]) -> str | None:
    """The form of a candidate (an ``<h1>``, a declared title without its site part, or its first
    part) that the URL's slug names clearly rather than the ``chosen`` title: where a page that is
    no article (a product, a service, a docs or a forum page) prints one name and declares
    another, its URL keeps the name it was published under. Of forms the slug names alike, the
    shortest: the longer ones add a variant or a tagline the slug does not name."""
    if not slug_words:
        return None
    forms = list(dict.fromkeys(strip_site_affix(c, site_names) for c in candidates))
    forms = list(dict.fromkeys([*forms, *(first_part(f) for f in forms)]))
    best = max(forms, key=lambda f: (len(slug_words & slug_tokens(f)), -len(f)), default=None)
    return best if best and _slug_names_rather(best, chosen, slug_words) else None


def _slug_names_rather(text: str, other: str, slug_words: set[str]) -> bool:
    """Whether the URL's slug (its ``slug_tokens``) shares clearly more words with ``text`` than
    with ``other``."""
    return len(slug_words & slug_tokens(text)) >= len(slug_words & slug_tokens(other)) + MIN_SLUG_LEAD


_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*", re.I)


def strip_echoed_affix(title: str, lines: list[str]) -> str:
    """The title without a last part that the page also prints as a separate line (``Headline -
    Fastarz`` where the logo or the copyright line says "Fastarz"). Not the first part: that is
    the topic a breadcrumb repeats ("Zero Waste - A Beginner's Guide")."""
    parts = [p for p in AFFIX_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    echoed = {squash(_COPYRIGHT.sub("", line)) for line in lines if len(line.split()) <= MAX_ECHOED_AFFIX_WORDS + 3}
    end = parts[-1]
    if len(end.split()) <= MAX_ECHOED_AFFIX_WORDS and squash(end) in echoed:
        return _rejoin(title, parts[:-1])
    return title

