"""The data that travels between stages: one frozen pydantic model per stage boundary.

The chain is ``ArticleIn`` -> ``CleanedArticle`` -> ``SectionedArticle`` -> ``ArticleResult``.
Every model is JSON-serialisable (messages are JSON only) and forbids unknown fields, so a
typo in a producer or a stage fails loudly instead of silently dropping data.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

PIPELINE_VERSION = "0.2.0"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ContentType(StrEnum):
    """What the payload's ``content`` is; ``auto`` asks the cleaner to detect it."""

    HTML = "html"
    TEXT = "text"
    AUTO = "auto"


class JobStatus(StrEnum):
    """Where an article is in the pipeline. ``done`` and ``failed`` are final."""

    QUEUED = "queued"
    CLEANING = "cleaning"
    SPLITTING = "splitting"
    EXTRACTING = "extracting"
    DONE = "done"
    FAILED = "failed"


FINAL_STATUSES = frozenset({JobStatus.DONE, JobStatus.FAILED})


def stable_article_id(url: str | None, content: str) -> str:
    """A deterministic id from url + content, so resubmitting the same article dedupes."""
    digest = hashlib.sha256()
    digest.update((url or "").encode("utf-8"))
    digest.update(b"\x00")
    digest.update(content.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()[:24]


# Lone UTF-16 surrogates: legal in JSON strings and Python ``str``, but not valid Unicode text
# (no UTF-8 encoding exists, so they cannot be stored, hashed or parsed).
_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(value: object, depth: int = 2) -> object:
    """``value`` with lone surrogates replaced by U+FFFD in its strings, and in the keys and
    values of its dicts down to ``depth`` levels (a payload and its ``extra``)."""
    if isinstance(value, str):
        # Encoding (in C) finds a surrogate ~6x faster than a regex scan of a non-ASCII page;
        # this runs on every payload each time a stage loads it.
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _SURROGATE.sub("\ufffd", value)
        return value
    if isinstance(value, dict) and depth > 0:
        return {valid_unicode(k, 0): valid_unicode(v, depth - 1) for k, v in value.items()}
    return value


def _now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------- stage 0: the payload

# Validation context for a payload read back from the store: written by ``model_dump_json``
# of an ``ArticleIn``, so already valid (``ArticleIn.model_validate_json(b, context=STORED_PAYLOAD)``).
STORED_PAYLOAD_KEY = "stored_payload"
STORED_PAYLOAD = {STORED_PAYLOAD_KEY: True}


class ArticleIn(_Frozen):
    """What a producer submits."""

    # Filled from url + content by ``_default_id`` when the producer sends none.
    id: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._:\-]+$")]
    url: str | None = None
    content: str
    content_type: ContentType = ContentType.AUTO
    source: str | None = None
    received_at: datetime = Field(default_factory=_now)
    extra: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: object, info: ValidationInfo) -> object:
        # Invalid Unicode is repaired as the CLI repairs invalid UTF-8 (U+FFFD), before hashing;
        # a payload the store wrote was repaired when it was accepted.
        if not (info.context and info.context.get(STORED_PAYLOAD_KEY)):
            data = valid_unicode(data)
        if isinstance(data, dict) and not data.get("id") and isinstance(data.get("content"), str):
            # A url of the wrong type fails its own field's validation; it is not hashed.
            url = data.get("url") if isinstance(data.get("url"), str) else None
            data = {**data, "id": stable_article_id(url, data["content"])}
        return data

    @field_validator("url")
    @classmethod
    def _splittable_url(cls, url: str | None) -> str | None:
        # The stages split the URL (host, path, slug): one that urllib cannot split ("http://[::1")
        # is refused here as a payload error, not raised as a ValueError inside a stage.
        if url is not None:
            urlsplit(url)
        return url


# ---------------------------------------------------------------- body blocks


class Heading(_Frozen):
    """A sub-heading inside the article (only between stages: sections carry headings)."""

    kind: Literal["heading"] = "heading"
    text: str
    level: int = Field(default=2, ge=1, le=6)


class Paragraph(_Frozen):
    """A paragraph of running text."""

    kind: Literal["paragraph"] = "paragraph"
    text: str


class Quote(_Frozen):
    """A block quote or pull quote."""

    kind: Literal["quote"] = "quote"
    text: str


class ListBlock(_Frozen):
    """A bulleted or numbered list; ``text`` is the items joined by newlines."""

    kind: Literal["list"] = "list"
    text: str
    items: list[str]
    ordered: bool = False


class Table(_Frozen):
    """A table; ``text`` is the rows, cells separated by tabs, rows by newlines."""

    kind: Literal["table"] = "table"
    text: str
    rows: list[list[str]]


class ImageFields(_Frozen):
    """What is known of an image: shared by the ``Figure`` block and the result's ``Image``."""

    url: str | None = None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


class Figure(ImageFields):
    """An image of the article with its caption and credit (never part of ``text``)."""

    kind: Literal["figure"] = "figure"


class MediaFields(_Frozen):
    """What is known of an embed: shared by the ``Media`` block and the result's ``EmbeddedMedia``."""

    media_type: Literal["video", "audio", "social", "other"] = "video"
    title: str | None = None
    url: str | None = None
    duration_s: int | None = None
    description: str | None = None
    provider: str | None = None


class Media(MediaFields):
    """An embedded video, audio or social post: recorded, never mixed into the text."""

    kind: Literal["media"] = "media"


BodyBlock = Annotated[
    Heading | Paragraph | Quote | ListBlock | Table | Figure | Media, Field(discriminator="kind")
]


class FigureRef(_Frozen):
    """A figure's place in a section; the image itself is ``metadata.images[image]``."""

    kind: Literal["figure"] = "figure"
    text: str = ""
    image: int = Field(ge=0)


SectionBlock = Annotated[
    Paragraph | Quote | ListBlock | Table | FigureRef, Field(discriminator="kind")
]

# Roles the plain-text cleaner gives each line of a text payload; later stages read them.
LineRole = Literal[
    "title",  # the headline line
    "site",  # a site name line or suffix
    "section_label",  # the site's category word (e.g. "World")
    "dek",  # the standfirst under the headline
    "byline",  # "By Jane Doe"
    "dateline",  # a date or date/time that belongs to the article
    "page_clock",  # the site's own clock/weather line: a seen date, never a publication date
    "heading",
    "paragraph",
    "quote",
    "list_item",
    "image_alt",
    "caption",  # an image caption, credit included if the page shows it inline
    "credit",
    "video",  # video blurb lines: title, "WATCH |", durations, "2 years ago", description
    "boilerplate",
]


# What kind of page an article came from (the WCXB benchmark's page types).
PageType = Literal["article", "forum", "product", "collection", "listing", "documentation", "service"]


class ClassifiedLine(_Frozen):
    """One line of a plain-text payload with the role the cleaner decided for it."""

    text: str
    role: LineRole


# ---------------------------------------------------------------- stage 1: cleaned


class DateCandidate(_Frozen):
    """A date the page shows or marks up, as written, and where it was found."""

    text: str
    # ``time``: a ``<time datetime>`` value; ``element``: a short element marked as a date
    # (``<time>``, ``class="date"``, ``itemprop=date...``), its ``datetime``/``content`` or its text.
    found_in: Literal["time", "element"]


class LibraryMeta(_Frozen):
    """trafilatura's reading of the page's metadata (its own order of sources, no date): the
    last fallback of each field."""

    title: str | None = None
    author: str | None = None
    url: str | None = None
    sitename: str | None = None
    description: str | None = None
    categories: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class FallbackReadings(_Frozen):
    """The readings of a page's tree behind the metadata stage's last fallbacks, done by the clean
    stage on its own tree (before pruning) for the pages whose metadata asks for them, so that the
    metadata stage need not parse the page again. A reading left None was not done: the metadata
    stage does not ask for it (``tasks.metadata.html_meta.read_fallbacks``, which the stage
    registry hands to the clean stage)."""

    # htmldate's date of the page ([] when it finds none).
    page_date: list[str] | None = None
    # trafilatura's author reading of the byline elements.
    authors: list[str] | None = None
    # trafilatura's categories and tags of the page's links (and subject <meta>).
    categories: list[str] | None = None
    tags: list[str] | None = None
    # Names from short "By Jane Doe" texts anywhere in the body.
    visible_bylines: list[str] | None = None
    # The first date of the body's text in the month the URL names ([] when none is).
    month_date: list[str] | None = None
    # The page's title as the metadata stage chooses it ([] when none is), chosen once: the
    # read-ahead's choices ask for it (the headline around which bylines and dates are read).
    title: list[str] | None = None


class PageSignals(_Frozen):
    """What an HTML page says about itself, read by the clean stage from the tree it parsed (before
    pruning), so that ``extract_metadata`` need not parse the page again. Raw values, before any
    choice between conflicting sources."""

    # <meta> values by lowercased name/property/itemprop/http-equiv, in page order.
    meta: dict[str, list[str]] = Field(default_factory=dict)
    # JSON-LD objects (``@graph`` flattened, main entities too), without their ``articleBody``
    # and nested ``@graph`` (the text and a copy of the objects: the clean stage used them).
    json_ld: list[dict[str, Any]] = Field(default_factory=list)
    # Index in ``json_ld`` of the object describing the article, if any.
    article: int | None = None
    title_tag: str | None = None
    h1: list[str] = Field(default_factory=list)
    # The <h1> texts inside an <article> element, and those a link of the page's navigation
    # (<nav>, ARIA's navigation role) also prints: a section's or a category's name.
    article_h1: list[str] = Field(default_factory=list)
    menu_h1: list[str] = Field(default_factory=list)
    lang: str | None = None
    canonical: str | None = None
    rel_tags: list[str] = Field(default_factory=list)
    rel_categories: list[str] = Field(default_factory=list)
    # The header cluster: texts of elements marked as bylines, and the short text nodes right
    # after and right before the first <h1> (kicker, byline, dateline, dek), nearest first.
    bylines: list[str] = Field(default_factory=list)
    after_headline: list[str] = Field(default_factory=list)
    before_headline: list[str] = Field(default_factory=list)
    dates: list[DateCandidate] = Field(default_factory=list)
    # The body's visible lines as a reader sees them (``tasks.common.page_lines.visible_lines``:
    # labelled bylines, a title's echoed site name), each cut at ``LINE_CHARS``.
    lines: list[str] = Field(default_factory=list)
    # Texts of links to author profile pages (``tasks.common.page_lines.profile_link_names``).
    profile_names: list[str] = Field(default_factory=list)
    library: LibraryMeta = Field(default_factory=LibraryMeta)
    # The lead image: trafilatura's reading of og:image / twitter:image and the like.
    lead_image: str | None = None
    # The tree readings the metadata stage's fallbacks need (None: none were done, the metadata
    # stage parses the page for them: signals it read itself, or an older clean stage's).
    fallbacks: FallbackReadings | None = None


class SourceInfo(_Frozen):
    """Where the article came from and how it was read.

    ``content_type`` is what the cleaner read the content as: None when the article failed
    before that was decided (refused at submit, or in ``clean``).
    """

    url: str | None = None
    content_type: Literal["html", "text"] | None = None
    declared_content_type: ContentType = ContentType.AUTO
    name: str | None = None
    path: str | None = None
    received_at: datetime
    extra: dict[str, str] = Field(default_factory=dict)
    size_bytes: int = 0

    @classmethod
    def of(cls, article: ArticleIn, content_type: Literal["html", "text"] | None = None) -> SourceInfo:
        """The source of a payload as declared (path from ``extra["path"]``), read as ``content_type``."""
        return cls(
            url=article.url,
            content_type=content_type,
            declared_content_type=article.content_type,
            name=article.source,
            path=article.extra.get("path"),
            received_at=article.received_at,
            extra=article.extra,
            size_bytes=len(article.content.encode("utf-8", errors="replace")),
        )


class CleanedArticle(_Frozen):
    """Output of ``clean``: the main text, its ordered blocks, and the raw page for metadata."""

    id: str
    source: SourceInfo
    raw: str
    text: str
    blocks: list[BodyBlock] = Field(default_factory=list)
    lines: list[ClassifiedLine] = Field(default_factory=list)
    # HTML payloads only: the page's signals for the metadata stage (None: read the raw page).
    signals: PageSignals | None = None
    timings_ms: dict[str, float] = Field(default_factory=dict)
    page_type: PageType | None = None
    extraction_confidence: float | None = Field(default=None, ge=0, le=1)


# ---------------------------------------------------------------- stage 2: sectioned


class Section(_Frozen):
    """A run of blocks under one heading; the lead section has ``heading=None``."""

    heading: str | None = None
    level: int = Field(default=0, ge=0, le=6)
    blocks: list[SectionBlock] = Field(default_factory=list)


class Image(ImageFields):
    """An image of the article, as listed in ``metadata.images``; ``section`` indexes ``sections``."""

    section: int | None = None


class EmbeddedMedia(MediaFields):
    """A video, audio or social embed of the article; ``section`` indexes ``sections``."""

    section: int | None = None


class SectionedArticle(_Frozen):
    """Output of ``split_sections``."""

    id: str
    source: SourceInfo
    raw: str
    text: str
    sections: list[Section]
    images: list[Image] = Field(default_factory=list)
    media: list[EmbeddedMedia] = Field(default_factory=list)
    lines: list[ClassifiedLine] = Field(default_factory=list)
    # HTML payloads only: the page's signals for the metadata stage (None: read the raw page).
    signals: PageSignals | None = None
    timings_ms: dict[str, float] = Field(default_factory=dict)
    page_type: PageType | None = None
    extraction_confidence: float | None = Field(default=None, ge=0, le=1)


# ---------------------------------------------------------------- stage 3: result


class QuoteMention(_Frozen):
    """A direct quote in the article and who said it (None when nobody is named)."""

    text: str
    speaker: str | None = None


class EntityMention(_Frozen):
    """A person, place or organisation named in the article body, with how often."""

    name: str
    count: int = Field(ge=1)


class ArticleHeader(_Frozen):
    """What the article's header and the page say about it: the fields both readers (HTML and
    plain text) fill, each in its own way; ``Metadata`` adds what comes from the body."""

    title: str | None = None
    subtitle: str | None = None
    description: str | None = None
    # People only, "Firstname Lastname", without roles, credentials or credit words.
    authors: list[str] = Field(default_factory=list)
    # The credit as printed, without its label ("By", "Autor:") or a trailing date.
    byline: str | None = None
    # Wire services and desks credited ("AP", "dpa", "Staff"), or the site when only it is.
    agencies: list[str] = Field(default_factory=list)
    published_at: str | None = None
    modified_at: str | None = None
    seen_at: str | None = None
    site_name: str | None = None
    section: str | None = None
    categories: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    language: str | None = None
    canonical_url: str | None = None
    image: str | None = None


class Metadata(ArticleHeader):
    """Everything about the article that is not its body."""

    url: str | None = None
    images: list[Image] = Field(default_factory=list)
    word_count: int = 0
    reading_time_minutes: int = 0
    quotes: list[QuoteMention] = Field(default_factory=list)
    people: list[EntityMention] = Field(default_factory=list)
    places: list[EntityMention] = Field(default_factory=list)
    organizations: list[EntityMention] = Field(default_factory=list)
    # What kind of page the text came from, by the clean stage's trained classifier.
    page_type: PageType | None = None
    # How far to trust ``text`` (0-1), from the clean stage's models: rank pages by it.
    extraction_confidence: float | None = Field(default=None, ge=0, le=1)


class ErrorInfo(_Frozen):
    """Why an article failed: the stage, the error type and a one-line message."""

    stage: str
    type: str
    message: str
    attempts: int = 1


class ArticleResult(_Frozen):
    """The result JSON: stable field names; later versions add fields, never rename."""

    id: str
    status: JobStatus
    source: SourceInfo | None = None
    text: str = ""
    sections: list[Section] = Field(default_factory=list)
    media: list[EmbeddedMedia] = Field(default_factory=list)
    metadata: Metadata = Field(default_factory=Metadata)
    error: ErrorInfo | None = None
    pipeline_version: str = PIPELINE_VERSION
    timings_ms: dict[str, float] = Field(default_factory=dict)
