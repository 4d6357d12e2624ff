"""Named patterns and word lists the plain-text cleaner reads lines with.

Grouped like trafilatura's ``xpaths.py``: what page chrome, captions, credits, video blurbs,
bylines and datelines look like once a page has been rendered to text. Nothing here names a
site; every entry is a convention shared by many newsrooms or CMSs.
"""

from __future__ import annotations

import re

from tasks.common.datetext import DATE_CORE

# ---------------------------------------------------------------- characters and tokens

# Letters of scripts written without spaces between words (CJK ideographs, kana, hangul).
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Sentence punctuation of CJK prose: a line with these is running text, not a menu entry.
CJK_SENTENCE_PUNCT = re.compile(r"[。，、！？；：「」]")

# ---------------------------------------------------------------- list items

# inscriptis renders <li> as "* item" (nested: "+ item", "- item"); producers use "• item".
LIST_BULLET = re.compile(r"^(?:[*+\-•·▪◦‣]|\d{1,2}[.)])\s+(?=\S)")

# ---------------------------------------------------------------- page chrome vocabulary

# The words of site navigation and widgets are ``tasks.common.words.UI_WORDS``. Every entry of the
# line vocabularies below is on pages of 3+ sites of ../shared/corpus (``benchmarks/literal_sites.py``
# counts them; round 35 dropped 31 entries on 0-2 sites).
# Whole lines that are chrome whatever their neighbours (matched on the stripped line).
UI_LINE = re.compile(
    r"^(?:"
    r"advertisement|advertising|sponsored(?: content)?|ad|ads by \w+|skip (?:to )?(?:main )?content"
    r"|(?:read|see|view|show|load) (?:more|all|full|comments?)(?: \w+)?|continue reading.*"
    r"|\d+\s*min(?:ute)?s?\s*read"
    r"|share (?:this|on|via)\b.*|share|tweet|email|print|e-?mail this(?: story| article)?"
    r"|print this(?: story| article| page)?|click here.*|back to top|top of page|(?:go )?back"
    r"|(?:\d+ )?comments?(?: \(\d+\))?|leave a (?:comment|reply)|post a comment|add comment"
    r"|related(?: (?:stories|articles|content|links|topics|news|coverage|posts))?:?"
    r"|more (?:on|from|about) (?:this|the|our) .*|you (?:might|may) also like.*"
    r"|recommended(?: for you)?|trending(?: now)?|most (?:read|popular|viewed|shared|emailed).*"
    r"|tags?:.*|filed under:?.*|categories:.*|topics?:.*|sign up.*|subscribe.*|log ?in|sign in.*"
    r"|follow us.*|connect with us.*|all rights reserved.*|loading\W*|close|menu|search"
    r"|next(?: article| story| post)?\W*|previous(?: article| story| post)?\W*"
    r")$",
    re.I,
)
# Copyright, legal and syndication lines.
LEGAL_LINE = re.compile(
    r"(?:©|\(c\)\s*(?:19|20)\d\d|copyright\b|all rights reserved|terms (?:of|and) (?:use|service)"
    r"|privacy policy|cookie policy|may not be (?:published|reproduced|redistributed))",
    re.I,
)
# A page's call to share, subscribe, or comment, inside an otherwise prose-like line.
CALL_TO_ACTION = re.compile(
    r"^(?:(?:click|tap) here|sign up|subscribe|follow (?:us|him|her|them) on|like us on"
    r"|download (?:the|our)|get (?:the|our) (?:app|newsletter)|join (?:the|our) (?:conversation|discussion)"
    r"|you (?:must|need to) (?:be )?(?:logged|log|sign)|(?:have|got) (?:a )?(?:news )?tips?\b"
    r"|you can follow this conversation|this (?:site|website) uses cookies|by (?:using|continuing)"
    r"|(?:read|see) (?:more|also|the full)\b|related:|also read:?|read next:?"
    r"|visit \S+\.(?:com|org|net|co\.uk)\b"
    r"|veja também|mehr zum thema|lesen sie auch)",
    re.I,
)

# ---------------------------------------------------------------- ends of the article

# Lines that open the comment thread: the article is over once one follows it (never trusted
# above the article's first paragraphs, where "941 comments" is a header widget).
COMMENTS_START = re.compile(
    r"^(?:(?:(?:there (?:are|is) )?\d+\s+(?:comments?|responses?|replies|thoughts?)(?:\s+(?:on|to|for|about)\b.*)?"
    r"|comments|responses|replies|reader comments)(?:\s*\(\d+\))?:?"
    r"|leave a (?:comment|reply)|post a comment|add (?:a |your )?comment|join the (?:conversation|discussion)"
    r"|comments? (?:are|have been) closed.*|you can follow this conversation.*"
    r"|discuss(?:ion)?(?: this (?:story|article))?"
    r"|(?:show|view|read|load) (?:all )?\d* ?comments?.*"
    r")$",
    re.I,
)
# Lines that open a box of other stories. Such boxes also sit inside articles ("Related
# Coverage" between two paragraphs), so they weigh against the article span, not end it.
TEASERS_START = re.compile(
    r"^(?:(?:\w+ )?(?:related|recommended|more) (?:stories|articles|coverage|news|reading|videos?|links)\b.*"
    r"|(?:you (?:might|may) also (?:like|enjoy)|don'?t miss|most (?:read|popular|viewed|shared|emailed)).*"
    r"|(?:more|latest|top) (?:from|in|on) [\w&' ]{2,40}|elsewhere on .*|around the web.*"
    r"|from (?:around )?the web.*"
    r"|(?:promoted|sponsored|partner) (?:content|stories|links).*|top stories|latest news"
    r"|related|see also:?|read more:?|more (?:news|stories)"
    # the article's own footer: its tags (teasers and comments follow them). Every form is on 3+
    # sites of ../shared/corpus (benchmarks/literal_sites.py); round 33 dropped 17 on 0-2 sites
    # (the French, Spanish, Portuguese and German box titles, "recommended by ...", "related:").
    r"|tags?:.*|filed under:?.*"
    r")\W*$",
    re.I,
)
# ---------------------------------------------------------------- dates, clocks, weather

# The date grammar itself (month and weekday names, written forms, the page clock) is
# ``tasks.common.datetext``, shared with the metadata stage.
# A line that is only a date, optionally with a time, "Updated"/"Published" and a zone.
_TIME_FIRST = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?,?\s*)?"
DATELINE = re.compile(
    rf"^(?:(?:last )?(?:updated|published|posted|modified|created|date)(?: on| at)?:?\s*)?"
    rf"{_TIME_FIRST}{DATE_CORE}(?:,?\s*(?:at\s*)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,5}})?)?"
    rf"(?:\s*(?:[|/–-]|(?:last\s+)?(?:updated|modified|edited)(?:\s+on)?:?|by\s)\s*.{{0,60}})?\W*$",
    re.I,
)
# "2 years ago", "49 minutes ago", "Yesterday": relative stamps under teasers and videos.
RELATIVE_TIME = re.compile(
    r"^(?:(?:updated|published|posted)\s+)?(?:(?:about|over|almost)\s+)?(?:an?|\d+)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?"
    r"|weeks?|months?|years?)\s+ago\.?$|^(?:just now|yesterday|today)$",
    re.I,
)

# "— Jane Doe (@janedoe) March 3, 2025": the signature line of an embedded social post.
SOCIAL_SIGNATURE = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s*.{0,40}$")
# Markup or script left in the text by the page's <noscript> blocks and inline scripts:
# "<div class=...>", "<img src=...>", "document.write(", "function(){": never article text.
# Something every MARKUP_RESIDUE match contains (a cheap test before the full pattern).
MARKUP_HINT = re.compile(r"<|document\.|function|var |window\.", re.I)
MARKUP_RESIDUE = re.compile(
    r"<(?:div|span|img|a|p|script|iframe|style|br|table|td|tr|ul|li|input|form|link|meta|noscript)\b[^<>]*>"
    r"|\bdocument\.(?:write|getelementbyid|cookie)\b|\bfunction\s*\([^)]*\)\s*\{|\bvar\s+\w+\s*=|\bwindow\.\w+\s*=",
    re.I,
)
# "3/50 Natalie Massenet leaves", "Image 4 of 12": a slide of a photo gallery. The line after
# it is the slide's caption, not article text.
SLIDE_COUNTER = re.compile(r"^(?:(?:image|photo|picture|slide)\s+)?\d{1,3}\s*(?:/|of)\s*(?P<total>\d{1,3})\b", re.I)
# "* 14:44 Minister resigns": an item of a live ticker or "latest news" list, not article text.
TICKER_ITEM = re.compile(r"^\d{1,2}[:h.]\d{2}\s+(?:[ap]\.?m\.?\s+)?\S", re.I)

# "Posted by: Jane | September 13, 2012 at 05:15 AM": the signature under a comment.
# "Rarst · March 10, 2017 at 1:26 AM": a commenter's name with a date and time.
COMMENT_SIGNATURE = re.compile(
    r"^(?:(?:posted|written) (?:by|from)\s*:?\s*.{1,80}?"
    r"(?:\||\bon\b|\bat\b|,)\s*.{0,60}\d.*"
    rf"|[\w .'’\-()]{{2,50}}\s*[·|•]\s*(?:on\s+)?{DATE_CORE}\s*(?:at\s+)?\d{{1,2}}:\d{{2}}.{{0,12}}"
    r")$",
    re.I,
)

# ---------------------------------------------------------------- bylines

# The byline grammar is ``tasks.common.bylinetext``, shared with the metadata stage.
# Agency slugs that open the first paragraph: "LONDON (Reuters) -".
AGENCY_SLUG = re.compile(r"^[A-Z][\w .,'\-]{2,40}\((?:AP|Reuters)\)\s*[-—–]")

# ---------------------------------------------------------------- captions and credits

# Prefixes that only captions carry.
CAPTION_PREFIX = re.compile(
    r"^(?:photo(?:graph)?|image|above|left|top)\s*[:|–—-]\s*\S",
    re.I,
)
# A line that is nothing but a photo credit.
CREDIT_LINE = re.compile(
    r"^(?:\(?\s*(?:photo(?:graph)?s?|image|credit|foto|source)\s*(?:credit)?\s*[:|/]?\s*"
    r"(?:by\s+)?[\w.'’\- ,/&]{2,80}\)?"
    r"|[\w.'’\- ]{2,60}\s*/\s*(?:getty images|reuters|ap|afp|shutterstock|the associated press)"
    r"(?:\s+via\s+[\w ]+)?"
    r"|(?:getty images|shutterstock|reuters|afp|pa)(?:\s*/\s*[\w ]+)?)$",
    re.I,
)

# ---------------------------------------------------------------- video blurbs

# Lines that announce an embedded video: "WATCH | ...", "VIDEO: ...", "Watch: ..." ("watch" on
# 8 sites of ../shared/corpus, "video" on 21; "watch video", "play video", "now playing", "now
# watching" were on 0-1 and went in round 33).
VIDEO_LEAD = re.compile(r"^(?:watch|video)\s*[|:–—-]\s*", re.I)
# A running time "2:00", "1:02:33", or one labelled by a word ("Duration 2:00", "Length: 1:02"):
# a shape, not a list of labels (no label is on 3 sites of ../shared/corpus). A labelled one is
# read only inside a blurb a video lead opened (``tasks.clean.text.media``).
DURATION = re.compile(r"^(?:(?P<label>[^\W\d_]+)\s*:?\s*)?(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})$")
VIDEO_UI = re.compile(
    r"^(?:play(?: video)?|replay|full ?screen|up next|\d+ views?|video(?:s)?|watch(?: now| more| video)?|cc)$",
    re.I,
)
