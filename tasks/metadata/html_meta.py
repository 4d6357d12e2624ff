"""Metadata of an HTML page: declared signals first, trafilatura's reading as the fallback."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from lxml.html import HtmlElement
from trafilatura.utils import load_html

from tasks.common import bylinetext, jsonld
from tasks.common.html_parse import parse_html
from tasks.common.page_lines import tree_readings, url_slug
from tasks.common.page_signals import read_page_signals
from tasks.metadata import authors, bylines, dates, language, sites, titles
from tasks.metadata.gazetteers import given_names, is_common_word
from tasks.metadata.html_signals import PageView, TreeFallbacks
from tasks.metadata.names import without_trade_words
from tasks.models import ArticleHeader, FallbackReadings, LibraryMeta, PageSignals, PageType

_TAG = re.compile(r"<[^>]{1,200}>")
# Between a blog's name and its motto ("Jane Doe - Notes on Economics").
_NAME_AFFIX = re.compile(r"\s+[-|–—:·]\s+")
# Page types (the clean stage's) whose date htmldate searches for extensively, with dateparser
# and a regex scan of the whole source; on the others (products, collections, listings, docs)
# its fast search only. On wcxb the extensive search spent 40 % of its time on those pages, whose
# truth rarely has a date, and the fast one gave the same date exact day on both corpora's folds.
# Services stay: without them, 25 % more time is saved but a corpus/meta page (a blog's home
# page) loses its right date. None: the type is unknown (no clean stage), searched as an article.
DATED_PAGE_TYPES: frozenset[PageType | None] = frozenset({"article", "forum", "service", None})
# Page types (the clean stage's; None: unknown) whose data-layer post author is the writer's: on a
# product or a listing it is only the account that entered the page (two wcxb product pages).
POST_AUTHOR_PAGE_TYPES: frozenset[PageType | None] = frozenset({"article", None})
# <meta> names that carry the author (trafilatura's list, the ones seen on news sites).
AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "byl", "parsely-author", "sailthru.author")


def parse_page(raw: str) -> HtmlElement | None:
    """The page's lxml tree, None when it is not HTML at all: parsed as the clean stage parses it
    (one element class for every tag, the same tree as trafilatura's loader, whose per-tag class
    lookup cost the stage's tree readings 8 % of their time), else by that loader, whose fallbacks
    are wider (a page the first refuses, the second may still read)."""
    tree = parse_html(raw)
    return tree if tree is not None else load_html(raw)


def read_html_fields(
    raw: str, url: str | None, text: str = "", found: PageSignals | None = None, page_type: PageType | None = None
) -> ArticleHeader:
    """Every metadata field of the page, from the clean stage's signals (``found``) when it
    passed them, with the readings of the tree it did for the last fallbacks (the page is parsed
    again only for a reading it did not do: signals of an older clean stage). ``page_type`` (the
    clean stage's) bounds the date search on pages that are not articles."""
    if found is None:
        tree = parse_page(raw)
        if tree is None:
            return ArticleHeader()
        signals = PageView(read_page_signals(tree, url, tree_readings(tree)), TreeFallbacks(lambda: tree, raw))
    else:
        signals = PageView(found, TreeFallbacks(lambda: parse_page(raw), raw, found.fallbacks))
    return _fields(signals, url, text, page_type, raw)


def read_fallbacks(
    tree: HtmlElement, found: PageSignals, url: str | None, page_type: PageType | None, raw: str
) -> FallbackReadings:
    """The readings of the page's tree that ``read_html_fields`` will ask for, done on ``tree``:
    the clean stage's, before it prunes anything (none of them changes the tree: htmldate and
    trafilatura's author reader work on copies). What the fields' choices read before they ask
    depends on the signals, the URL, the page type and the source alone, but for the labelled
    bylines around the article's text (not extracted yet): those are taken to credit nobody, so
    the readings done are the ones asked for and, on a page where such a byline names the
    author, trafilatura's author reading and the visible bylines when nothing before them does.
    The title is chosen here, once, and passed on with them."""
    signals = PageView(found, TreeFallbacks(lambda: tree, raw))
    doc = found.library
    title = _chosen_title(signals, doc, url)
    if dates.may_search(signals):
        _published(signals, url, page_type, raw, title)
    _categories(signals, doc)
    _tags(signals, doc)
    if _may_read_tree_for_authors(signals, doc):
        _authors(signals, doc, _declared_site_names(signals), title, None, page_type=page_type)
    return signals.fallbacks.readings()


def _fields(
    signals: PageView, url: str | None, text: str, page_type: PageType | None, raw: str
) -> ArticleHeader:
    """Every metadata field of the page, chosen among its signals (``raw``: its source)."""
    doc = signals.signals.library
    site = _site_name(signals, doc, url)
    title = _chosen_title(signals, doc, url)
    credits = _authors(signals, doc, _declared_site_names(signals), title, text, page_type=page_type)
    return ArticleHeader(
        title=title,
        description=_description(signals, doc, sites.site_aliases([site], url)),
        authors=credits.people,
        byline=credits.byline,
        agencies=credits.agencies,
        published_at=_published(signals, url, page_type, raw, title),
        modified_at=dates.declared_modified(signals),
        site_name=site,
        categories=_categories(signals, doc),
        tags=_tags(signals, doc),
        language=language.choose_language(
            [signals.lang, jsonld.text_of(signals.ld("inLanguage")), signals.first("og:locale"),
             signals.first("content-language", "language", "dc.language")],
            text,
        ),
        canonical_url=doc.url,
        image=signals.signals.lead_image,
    )


def _declared_site_names(signals: PageView) -> list[str | None]:
    return [signals.first("og:site_name"), signals.first("application-name")]


def _published(
    signals: PageView, url: str | None, page_type: PageType | None, raw: str, title: str | None
) -> str | None:
    """The publication date, htmldate's search (of the page's tree) its last resort."""
    extensive = cache(lambda: _worth_searching(signals, page_type, raw))
    return dates.choose_published(
        signals, lambda: signals.fallbacks.page_date(url, extensive=extensive()), url, title)


def _categories(signals: PageView, doc: LibraryMeta) -> list[str]:
    return _first_list(
        lambda: signals.rel_categories, lambda: jsonld.strings_of(signals.ld("articleSection")),
        lambda: signals.all("article:section"),
        lambda: doc.categories or signals.fallbacks.catstags("category"),
    )


def _tags(signals: PageView, doc: LibraryMeta) -> list[str]:
    return _first_list(
        lambda: signals.all("article:tag"), lambda: jsonld.strings_of(signals.ld("keywords")),
        lambda: signals.rel_tags, lambda: doc.tags or signals.fallbacks.catstags("tag"),
    )


def _worth_searching(signals: PageView, page_type: PageType | None, raw: str) -> bool:
    """Whether htmldate's extensive search may find the page's date: on a page type that carries
    dates (DATED_PAGE_TYPES), when the page shows one (a visible line or a date element) or links
    a dated path (the two things that search reads beyond the fast one's elements). On the other
    pages of those types it found a right date on no wcxb or corpus/meta page (fast search then:
    extensive searches 393 -> 164 on both corpora's 1,819 pages, their time about halved)."""
    return page_type in DATED_PAGE_TYPES and (dates.shows_a_date(signals) or dates.links_a_dated_path(raw))


def _site_name(signals: PageView, doc: LibraryMeta, url: str | None) -> str | None:
    """The JSON-LD publisher or WebSite name, else og:site_name (some sites put a section there:
    publisher first scores 100 % on the dev readability pages and 6 of 7 on corpus/meta, against
    97.4 % and 5 of 7 the other way round), else trafilatura's guess (a bare host as the
    domain's name)."""
    return _declared_site(signals) or sites.name_for_host(doc.sitename, doc.url or url)


def _declared_site(signals: PageView) -> str | None:
    return jsonld.find_site(signals.objects, signals.article) or signals.first("og:site_name")


def _description(signals: PageView, doc: LibraryMeta, site_names: list[str]) -> str | None:
    """The page's own summary: OpenGraph's, else ``<meta name=description>`` (on corpus/meta
    og first scores token F1 85.1, plain first 84.1: the plain one is often a truncated copy),
    unless the first names the site: then it is the site's blurb and the other one wins."""
    social = _strip_tags(signals.first("og:description", "twitter:description"))
    plain = _strip_tags(signals.first("description"))
    if social and plain and _mentions_site(social, site_names) and not _mentions_site(plain, site_names):
        return plain
    return social or plain or jsonld.text_of(signals.ld("description")) or doc.description


def _strip_tags(text: str | None) -> str | None:
    """A description without the HTML tags some sites leave in it."""
    cleaned = " ".join(_TAG.sub(" ", text or "").split())
    return cleaned or None


def _mentions_site(text: str, site_names: list[str]) -> bool:
    key = titles.squash(text)
    return any(len(titles.squash(n)) >= 4 and titles.squash(n) in key for n in site_names if n)


def _first_list(*sources: Callable[[], list[str]]) -> list[str]:
    """The first non-empty list among sources ranked from most to least specific (each source
    is called only if those before it found nothing)."""
    for source in sources:
        cleaned = [v for v in dict.fromkeys(" ".join(v.split()) for v in source()) if v]
        if cleaned:
            return cleaned
    return []


def _authors(
    signals: PageView, doc: LibraryMeta, site_names: list[str | None], title: str | None, text: str | None, *,
    page_type: PageType | None = None,
) -> authors.Credits:
    """The credits of the first source that names a person, from the most to the least specific
    to the article: a labelled byline under the headline naming a person the page does not
    declare (JSON-LD or the Twitter card naming the same person come first, with their fuller
    list), the writers listed unlabelled above the header's date when JSON-LD declares only the
    first of them, a person's name printed unlabelled beside the header's date when every declared
    author is a handle (an uploader's account), JSON-LD persons, the Twitter card's "Written by",
    a forum thread's first poster named by a handle (``_thread_poster``), the visible labelled
    byline (the first that names a person; a thread starter first; an author box's person
    instead when it credits one word that is no name) printed up to the end of the
    article's ``text``, then (when bylines are printed only after it: a teaser's, a rail's) the
    ``<meta>`` authors naming a person, a person's name printed unlabelled beside the date in
    the headline's header (unless a wire service or desk is credited already; with the
    ``<meta>`` authors instead when they list that person and more), a byline
    element naming a person when bylines are printed after the article, the bylines
    printed only after the article (a comment's "geschrieben von": the header's own credit
    comes first; none when a desk or wire service is credited already: a teaser's), author
    profile links (which may be a commenter's),
    a forum's first poster (the name above the first post's statistics), the ``<meta>`` authors
    (often set site-wide: the owner, the publisher, a web agency; read by trafilatura with
    JSON-LD outside the article), trafilatura's byline reading (spelled as the page prints it),
    the ``<meta>`` authors it drops when they name a person (a given name or a handle alone),
    byline elements, a person's name printed alone under the headline whose bio the page prints
    ("Jane Doe" / ... / "Jane Doe is a ..."), "By Jane Doe" lines, an author box's person ("Jane Doe" / "Jane Doe is a
    ...") when nothing credits anyone yet, a personal site's copyright owner, the person a site
    is named after, the post author an article's data layer declares (WordPress' GTM4WP), and
    last a ``<meta>`` author naming the site or a brand. Wire services ("dpa") credited by an
    earlier source are kept beside the people; desks ("Staff", "The Example Team", often a
    site's default credit) are not. When no
    source names a person, the first one that credits an agency or the site (a blog credited to
    itself) gives the credits, else a wire service's dateline under the headline ("Hamburg (dpa)
    – ..."), else the organisations JSON-LD declares as the author, each whole; institutions are
    never people.

    ``text`` None: the article's text is not known yet (``read_fallbacks``): the bylines around
    it credit nobody, the unlabelled name in the header, which an agency they credit would rule
    out, is passed over too, and the sources after the last that reads the tree are not read."""
    names = _site_credits(signals, site_names)
    fallback: authors.Credits | None = None
    around = cache(lambda: bylines.bylines_around_article(signals.lines, text) if text is not None else ([], []))
    declared, card = jsonld.person_names(signals.ld("author"), signals.objects), signals.card_writers

    def visible() -> list[str]:  # the last source that reads the page's tree
        return signals.visible_bylines[:1]

    sources: tuple[Callable[[], list[str]], ...] = (
        lambda: _header_credit_unless_declared(signals.header_bylines(title), [*declared, *card], names),
        lambda: _writers_beyond_declared(signals, title, declared),
        lambda: signals.header_names(title) if text is not None and _only_handles(declared) else [],
        lambda: declared,
        lambda: card,
        lambda: _thread_poster(signals, page_type),
        lambda: _bio_beats_a_word(_first_naming_person(around()[0], names), signals.lines, names),
        lambda: _if_naming_person(signals.all(*AUTHOR_META), names) if around()[1] else [],
        lambda: [] if text is None or _credits_agency(fallback) else _with_cowriters(
            signals.header_names(title), signals.all(*AUTHOR_META), names),
        lambda: _naming_a_person(signals.bylines[:1], names) if around()[1] else [],
        lambda: [] if _credits_agency(fallback) else _first_naming_person(around()[1], names),
        lambda: signals.profile_names,
        lambda: signals.forum_poster,
        lambda: (doc.author or "").split(";") if doc.author else [
            authors.printed_spelling(name, signals.bylines) for name in signals.fallbacks.authors()],
        lambda: _if_naming_person(signals.all(*AUTHOR_META), names),
        lambda: signals.bylines[:1],
        lambda: signals.header_name_with_bio(title),
        visible,
        lambda: [] if fallback else bylines.bio_names(signals.lines),
        lambda: [] if _credits_agency(fallback) else bylines.copyright_owners(signals.lines),
        lambda: [] if fallback else _site_owners(site_names),
        lambda: signals.fallbacks.post_author() if page_type in POST_AUTHOR_PAGE_TYPES else [],
        lambda: signals.all(*AUTHOR_META),
    )
    for source in sources:
        values = [v for v in source() if v]
        found = authors.read_credits(values, names)
        if found.people:
            found.people = list(dict.fromkeys(bylines.spelled_out(name, signals.lines) for name in found.people))
            earlier = [a for a in (fallback.agencies if fallback else []) if authors.names_wire_services(a)]
            found.agencies = list(dict.fromkeys([*earlier, *found.agencies]))
            return found
        if fallback is None and found.agencies:
            fallback = found
        if text is None and source is visible:
            return fallback or authors.Credits()  # read ahead of the text: no later source reads the tree
    if fallback:
        return fallback
    wire = _dateline_credits(signals, title)
    return wire if wire.agencies else _declared_organizations(signals)


def _thread_poster(signals: PageView, page_type: PageType | None) -> list[str]:
    """On a forum page, the first post's poster when its name is a handle ("r23"): the thread's
    author, before the labelled lines of the posts, which quote other writers' bylines ("von
    Jane Doe" atop a quoted article); a capitalised word there may be the poster's rank
    ("Senator") standing where the name is looked for, so it waits for its usual turn."""
    if page_type != "forum":
        return []
    poster = signals.thread_poster
    return poster if all(map(bylines.is_handle, poster)) else []


def _site_credits(signals: PageView, site_names: list[str | None]) -> list[str]:
    """The names that credit the site, not a person: its declared names, its publisher, and an
    institution in ``<meta name=author>``; not a site named after a person."""
    names = [n for n in site_names if n]
    publisher = jsonld.name_of(signals.ld("publisher"))
    if publisher:
        names.append(publisher)
    # An institution in <meta name=author> ("Landesanstalt für Wald und Forstwirtschaft") is
    # split at its "und" by trafilatura: its parts are the site, not people.
    institutions = [v for v in signals.all(*AUTHOR_META) if authors.names_site(v, [])]
    names += institutions
    # A site named after a person ("Jane Doe", "Jane Doe - Notes", "Jane Doe Photography") is a
    # personal blog or business: crediting that person credits a person.
    return [n for n in names if not bylines.is_person_name(without_trade_words(_owner_of(n)))]


def _may_read_tree_for_authors(signals: PageView, doc: LibraryMeta) -> bool:
    """Whether ``_authors`` may read the page's tree: trafilatura's author reading when its meta
    reading found nobody, the visible bylines when that one names no person."""
    if not doc.author:
        return True
    values = [v for v in doc.author.split(";") if v]
    return not authors.read_credits(values, _site_credits(signals, _declared_site_names(signals))).people


def _dateline_credits(signals: PageView, title: str | None) -> authors.Credits:
    """The wire services a dateline under the headline credits ("Hamburg (dpa/lno) – ..."), as
    agencies: the credit of a wire story that prints no byline."""
    headlines = [title, *signals.h1] if title else signals.h1
    found = bylines.dateline_agencies(signals.lines, headlines)
    return authors.Credits(agencies=found, byline="/".join(found) or None)


def _declared_organizations(signals: PageView) -> authors.Credits:
    """The organisations JSON-LD declares as the author, each credited whole as an agency: an
    institution's name may hold "and" or "for" ("Center for Drug Evaluation and Research"), which
    the author strings' reading splits into parts that name nobody."""
    found = [" ".join(name.split()) for name in jsonld.organization_names(signals.ld("author"), signals.objects)]
    return authors.Credits(agencies=found, byline=", ".join(found) or None)


def _header_credit_unless_declared(header: list[str], declared: list[str], site_names: list[str]) -> list[str]:
    """The first header byline that names a person ("By Jane Doe" under the headline), unless
    the page declares every person it names: the credit a reader sees beats a declared author
    who differs (an uploader's handle, a site-wide default) or who is only the first of the
    printed writers; declared authors naming the same people come next (their fuller names)."""
    for value in header:
        people = [p for p in authors.read_credits([value], site_names).people
                  if bylines.is_person_name(p, min_locales=1)]  # not a role after a comma
        if people:
            return [] if all(_shares_a_name([p], declared) for p in people) else [value]
    return []


def _writers_beyond_declared(signals: PageView, title: str | None, declared: list[str]) -> list[str]:
    """The writers listed above the header's date when the page declares only the first of them
    (JSON-LD's "Jane Doe" above the printed "Jane Doe, John Roe & Ida Kern")."""
    if len(declared) != 1:
        return []
    listed = bylines.header_writer_list(signals.lines, [title, *signals.h1] if title else signals.h1)
    names = authors.split_names(listed[0]) if listed else []
    return listed if names and names[0].casefold() == declared[0].strip().casefold() else []


def _only_handles(declared: list[str]) -> bool:
    """Whether the declared authors are all users' handles ("jane.doe77": the account that
    uploaded the post, whom a person's name printed beside the header's date beats)."""
    handles = [name for value in declared for name in authors.split_names(value)]
    return bool(handles) and all(map(bylines.is_handle, handles))


def _shares_a_name(people: list[str], declared: list[str]) -> bool:
    """Whether any of the declared author strings holds a word of one of the people's names."""
    words = {w.casefold() for p in people for w in p.split() if len(w) > 2}
    return any(w.casefold().strip(".,") in words for d in declared for w in re.split(r"[\s._-]+", d))


# A site's name that names its owner before a possessive's noun ("Jane Doe's blog").
_OWNER_POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s\s+\w+$")
# A site named after a person is that name and no more words ("Jane Doe", "Jane Q. Doe").
MAX_OWNER_WORDS = 3


def _owner_of(site_name: str) -> str:
    """The part of a site's name that may name its owner: before its motto ("Jane Doe - Notes")
    and its possessive ("Jane Doe's blog")."""
    first = _NAME_AFFIX.split(site_name)[0]
    owner = _OWNER_POSSESSIVE.match(first)
    return owner["owner"] if owner else first


def _site_owners(site_names: list[str | None]) -> list[str]:
    """The person a site is named after ("Jane Doe", "Jane Doe's blog"): who a personal site's
    page is by when nothing else credits anyone."""
    owners = (_owner_of(n) for n in site_names if n)
    return [next((o for o in owners if _names_only_a_person(o)), "")]


def _names_only_a_person(site_name: str) -> bool:
    """A site's name that is a person's and no more ("Jane Doe", not "Jane Doe Community")."""
    words = site_name.split()
    return len(words) <= MAX_OWNER_WORDS and not any(is_common_word(w) for w in words) and bylines.is_person_name(
        site_name, min_locales=1)


def _if_naming_person(values: list[str], site_names: list[str]) -> list[str]:
    """The values when they credit a person, a single word only when it is a given name or a
    handle ("Alexa", "jdoe77"): a ``<meta>`` author naming the site or a brand (set site-wide)
    is read last, so that it does not hide an author box's person."""
    people = authors.read_credits(values, site_names).people
    return values if any(" " in p or p in given_names() or bylines.is_handle(p) for p in people) else []


def _with_cowriters(header: list[str], declared: list[str], site_names: list[str]) -> list[str]:
    """The ``<meta>`` authors when they name the person printed in the header and more ("Jane
    Doe" printed beside the date, "Jane Doe and John Roe" declared): the fuller list; else the
    header's name."""
    printed = _credited(header, site_names)
    listed: set[str] = set()
    fuller: list[str] = []
    for value in declared:  # each value that names someone new ("Jane Doe and John Roe", "Jane Doe")
        people = _credited([value], site_names)
        if not people <= listed:
            fuller.append(value)
            listed |= people
    return fuller if printed and printed < listed else header


def _credited(values: list[str], site_names: list[str]) -> set[str]:
    return {person.casefold() for person in authors.read_credits(values, site_names).people}


def _bio_beats_a_word(values: list[str], lines: list[str], site_names: list[str]) -> list[str]:
    """The author box's person ("Jane Doe" / "Jane Doe is a ...") when the byline credits one word
    that is no given name and no handle ("By Modality": a brand or a section), else the byline."""
    people = authors.read_credits(values, site_names).people
    if people and all(" " not in p and p not in given_names() and not bylines.is_handle(p) for p in people):
        return bylines.bio_names(lines) or values
    return values


def _naming_a_person(values: list[str], site_names: list[str]) -> list[str]:
    """The values when every person they credit has a person's name ("Jane Doe", not a section
    or a handle): a byline element's credit, which beats the labelled bylines printed only after
    the article (a related post's teaser, "October 28, 2025 by John Roe | Community")."""
    people = authors.read_credits(values, site_names).people
    if not (people and all(bylines.is_person_name(p, min_locales=1) for p in people)):
        return []
    # The element may print its label ("Text by Jane Doe"): the byline is the credit without it.
    return [bylinetext.after_label(v) or v for v in values]


def _first_naming_person(values: list[str], site_names: list[str]) -> list[str]:
    """The first value that credits a person, else the first value (a byline crediting the site
    may come before the one naming its writer: "By The Site" ... "Written by: Jane Doe")."""
    found = next((v for v in values if authors.read_credits([v], site_names).people), None)
    return [found] if found else values[:1]


def _credits_agency(credits: authors.Credits | None) -> bool:
    """Whether credits name a wire service or desk (beside which an unlabelled name in the
    header is a teaser's or a photographer's, not the author's)."""
    return credits is not None and any(authors.agency_of(a) for a in credits.agencies)


def _chosen_title(signals: PageView, doc: LibraryMeta, url: str | None) -> str | None:
    """The page's title, chosen once: by the clean stage's read-ahead when it ran (passed on with
    its readings), else here."""
    return signals.fallbacks.title(lambda: _title(signals, doc, url))


def _title(signals: PageView, doc: LibraryMeta, url: str | None) -> str | None:
    declared = [
        signals.first("og:title"), jsonld.text_of(signals.ld("headline")),
        signals.first("twitter:title"), signals.title_tag,
    ]
    declared.append(titles.library_title(doc.title, signals.h1, [d for d in declared if d]))
    # Declared site names only: trafilatura's guess is often a part of the title, the headline's
    # included (corpus/meta title exact +0.4, wcxb ±0).
    names = sites.site_aliases([_declared_site(signals), signals.first("application-name")], url)
    article = signals.article is not None or signals.first("og:type") == "article"
    layout = titles.H1Layout(signals.signals.article_h1, signals.signals.menu_h1)
    chosen = titles.choose_title(
        signals.h1, [d for d in declared if d], names, article=article, slug=url_slug(url), layout=layout)
    return titles.strip_echoed_affix(chosen, signals.lines) if chosen else None
