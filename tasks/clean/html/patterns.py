"""Boilerplate heuristics of the HTML cleaner, kept as named data (as trafilatura's ``xpaths.py``).

Every pattern is generic page furniture found on news sites (share bars, cookie banners,
video players, teaser rails); none names a particular site. Groups:

- ``PRUNE_*``: subtrees removed from the page before the main-content extractor runs;
- ``CAPTION_*``: where an image's caption and credit live;
- ``DECORATIVE_IMAGE``: images that are never article figures;
- ``MEDIA_*``: embedded players and social posts, recorded as ``Media`` blocks;
- ``JUNK_LINE``: whole text blocks that are widget strings, dropped after extraction.
"""

from __future__ import annotations

import re

from tasks.common.visibility import SCREEN_READER_TOKENS

# Tags whose whole subtree is never article text. ``form`` is not here: old ASP.NET pages wrap
# the whole page in one <form>.
PRUNE_TAGS = (
    "script", "style", "template", "svg", "canvas", "button", "select", "textarea",
    "input", "nav", "dialog", "video", "audio", "iframe", "object", "embed",
    # dropped by trafilatura's own cleaning too, but only after several tree-wide passes
    "aside", "footer", "menu", "fieldset", "label", "option", "datalist", "map", "applet",
)

# Markup the text extractor never keeps, removed after figures are recorded (see
# ``tasks.clean.html.dom.drop_media_markup``): <noscript> holds lazy-loaded images until then;
# <time> goes too, as trafilatura drops it as well.
MEDIA_MARKUP_TAGS = ("figure", "picture", "img", "source", "time", "link", "meta", "noscript")
# Inline wrappers unwrapped (text kept) before extraction, as trafilatura's MANUALLY_STRIPPED.
UNWRAPPED_TAGS = ("abbr", "acronym", "address", "bdi", "bdo", "big", "cite", "data", "dfn", "font",
                  "hgroup", "ins", "mark", "nobr", "ruby", "small", "tbody", "tfoot", "thead", "wbr")

# class/id tokens of page furniture. Matched against the class and id attributes split on
# non-letters, so "social-share" matches "share" but "shareholders" does not.
PRUNE_TOKENS = frozenset({
    # share bars and social buttons
    "share", "shares", "sharing", "sharebar", "sharetools", "social", "socials", "addthis",
    "sociallinks", "shareicons",
    # consent and subscription prompts
    "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe", "subscription", "paywall",
    "signup", "optin",
    # teasers of other stories
    "related", "recommended", "recommendations", "outbrain", "taboola", "teaser", "teasers",
    "trending", "mostpopular", "mostread", "popular", "morestories", "readmore", "readnext",
    "upnext", "playlist", "carousel",
    # navigation and chrome
    "breadcrumb", "breadcrumbs", "pagination", "pager", "skiplink", "sidebar", "navbar", "menu",
    "masthead", "toolbar", "tags", "tagcloud",
    # ads
    "ad", "ads", "advert", "advertisement", "adslot", "dfp", "sponsor", "sponsored", "promo",
    # comments
    "comment", "comments", "disqus",
    # video players and galleries (captions, controls, playlists)
    "player", "videoplayer", "jwplayer", "vjs", "brightcove", "slideshow", "gallery",
    # screen-reader-only and overlay helpers ("hidden"/"hide" are not here: Bootstrap's
    # "hidden-xs" hides a block on phones only)
    *SCREEN_READER_TOKENS, "modal", "popup",
})

# Tokens of furniture that can hold long prose-like text (comment threads, galleries with
# long captions): pruned even when they look like an article, unless they hold most of the page.
HARD_PRUNE_TOKENS = frozenset({
    "comment", "comments", "disqus", "gallery", "slideshow", "carousel", "player", "videoplayer",
    "jwplayer", "vjs", "brightcove", "outbrain", "taboola", "cookie", "cookies", "consent", "gdpr",
    "newsletter", "modal", "popup", "playlist", "related", "recommended", "recommendations",
})

# A furniture-looking container that also carries one of these tokens is kept: "article-share"
# is furniture, but "article-body comments-enabled" is the article.
KEEP_TOKENS = frozenset({"article", "articlebody", "body", "content", "main", "story", "post", "entry", "text"})


# ARIA roles and attributes of page furniture.
PRUNE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog",
                         "menu", "menubar", "search", "toolbar"})

# Where a caption sits inside or next to a figure.
CAPTION_TAGS = ("figcaption",)
CAPTION_TOKENS = frozenset({"caption", "captiontext", "wpcaptiontext", "imagecaption", "photocaption",
                            "credit", "credits", "imagecredit", "photocredit", "legend"})
CREDIT_TOKENS = frozenset({"credit", "credits", "imagecredit", "photocredit", "copyright", "byline",
                           "source"})
# schema.org microdata naming an image's credit.
CREDIT_ITEMPROPS = frozenset({"copyrightHolder", "creator", "author", "copyrightNotice", "creditText"})
# A label shown before a credit ("Credit", "Photo:", "Image credit:"), not part of the name.
CREDIT_LABEL = re.compile(r"^(?:(?:photo|image|picture)\s*)?(?:credits?|photo|foto|bild|image)\b\s*[:|]?\s*", re.I)

# Images that are furniture: icons, avatars, logos, tracking pixels, spacers, placeholders.
DECORATIVE_IMAGE = re.compile(
    r"(?:^|[^a-z])(?:logos?|icons?|avatars?|sprites?|spacer|pixel|blank|transparent|placeholder|badges?|"
    r"buttons?|emoji|gravatar|(?:feed)?track(?:ing|er)?|beacon|1x1|rss|ad|ads|banners?|btn|arrow|bullet|"
    r"loading|loader)(?:[^a-z]|$)",
    re.I,
)
# Images smaller than this (declared width or height, px) are icons or pixels: real news photos
# are hundreds of pixels wide; 100 keeps thumbnails of inline charts out too.
MIN_FIGURE_SIDE_PX = 100
IMAGE_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "src")

# Embedded players and social posts.
MEDIA_PROVIDERS = (
    (re.compile(r"youtube(?:-nocookie)?\.com|youtu\.be", re.I), "YouTube", "video"),
    (re.compile(r"vimeo\.com", re.I), "Vimeo", "video"),
    (re.compile(r"dailymotion\.com|dai\.ly", re.I), "Dailymotion", "video"),
    (re.compile(r"brightcove", re.I), "Brightcove", "video"),
    (re.compile(r"jwplayer|jwplatform", re.I), "JW Player", "video"),
    (re.compile(r"twitter\.com|x\.com/\w+/status", re.I), "Twitter", "social"),
    (re.compile(r"instagram\.com", re.I), "Instagram", "social"),
    (re.compile(r"facebook\.com", re.I), "Facebook", "social"),
    (re.compile(r"tiktok\.com", re.I), "TikTok", "social"),
    (re.compile(r"soundcloud\.com", re.I), "SoundCloud", "audio"),
    (re.compile(r"spotify\.com", re.I), "Spotify", "audio"),
)
SOCIAL_EMBED_CLASSES = frozenset({"twitter-tweet", "instagram-media", "tiktok-embed", "fb-post"})

# Whole blocks that are widget strings of players, galleries and share bars.
JUNK_LINE = re.compile(
    r"^(?:now (?:watching|playing)|up next|next video starts in\b.*|watch(?: video| now)?|play video|"
    r"replay|view (?:photo|gallery|slideshow)s?|(?:\d+ )?photos?|enlarge (?:this )?image|"
    r"this is a modal window\b.*|beginning of dialog window\b.*|end of dialog window\.?|"
    r"(?:chapters|descriptions off, selected|subtitles off, selected|captions off, selected|"
    r"default, selected)|unfortunately, this video is not available\b.*|"
    r"share(?: this)?(?: article| story| on \w+)?|tweet|email|print|read more|advertisement|"
    r"skip (?:ad|advertisement)|loading\W*|click to (?:play|enlarge|expand)\b.*|"
    r"(?:we|this site) uses? cookies\b.*|accept(?: all)? cookies|please wait|"
    r"(?:this )?(?:feature|content|video|service) is (?:temporarily )?unavailable\b.*)\W*$",
    re.I,
)

# A block opening the reader-comments thread: it and everything after it are not the article.
COMMENTS_MARKER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|reader comments|readers' comments|your comments|discussion)\s*(?:\(\d+\))?\s*:?$|"
    r"^comments (?:are|have been) (?:now )?closed\b|^(?:leave|post|add|write) (?:a|your) (?:comment|reply)\b|"
    r"^(?:have your say|join the (?:discussion|conversation))\b|^\d+ (?:comments?|responses?|replies)\b",
    re.I,
)

# A heading opening a rail of other stories at the end of the article: it and everything after
# it are teasers ("More stories", "Other opinion columns", "You may also like").
TEASER_SECTION_MARKER = re.compile(
    r"^(?:(?:more|other|related|recommended|popular|latest|top|trending|further)\b.{0,40}"
    r"\b(?:stories|articles|columns|news|videos|posts|reads|headlines|coverage|links)|"
    r"you (?:may|might) (?:also )?(?:like|enjoy)|recommended for you|most (?:read|popular|viewed|shared)|"
    r"read (?:more|next|also)|also (?:read|on)\b.*|what to read next)\W*$",
    re.I,
)
