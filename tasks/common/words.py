"""Words, sentence ends and the vocabulary of page chrome: what the cleaner's line reading and
the metadata stage's tests of dated and byline lines both measure a line with."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
# Runs of letters only (no digits, no underscore), in any script.
LETTERS = re.compile(r"[^\W\d_]+")
# Splits lower-cased class/id values and URL parts into tokens ("c-share__bar" -> c, share, bar).
TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
# How sentences and clauses end (closing quotes and brackets may follow the mark).
SENTENCE_END_CHARS = ".!?…。！？"
CLAUSE_END_CHARS = ":;"
CLOSING_CHARS = "\"”’»)]」』'"

# Words of site navigation and widgets. A short line made only of these (and punctuation)
# is chrome: "Home | News | Sport", "Share this: Facebook Twitter Email".
_UI_WORDS_EN = frozenset(
    """
    home news sport sports weather shop travel culture business tech technology science
    health entertainment arts opinion politics world video videos photos photo gallery galleries
    podcasts podcast radio tv live menu search login log in out sign register subscribe
    subscription account my profile settings logout signin signup newsletter newsletters
    share shares tweet email e-mail print facebook twitter linkedin whatsapp pinterest reddit
    instagram youtube tiktok telegram rss feed feeds comment comments reply more less next
    previous prev back top skip to content main navigation nav close open toggle advertisement
    advertise ad ads sponsored about contact us privacy policy terms of use conditions cookie
    cookies help faq careers jobs sitemap site map archive archives categories category tags
    tag related stories story articles article read full view all see load loading page pages
    continue reading edition editions local national international regions region classifieds
    obituaries lifestyle food style fashion magazine blogs blog forum forums sections section
    mail mobile app apps download follow like likes followers text size a-z index
    permalink trackback trackbacks upload send your pics videos join now free today latest
    caption captions image images autoplay fullscreen full screen skip ad
    most popular viewed read shared emailed watched top trending recommended recent
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# The same vocabulary in the other languages of the corpus (French, Spanish, Portuguese,
# German, Italian), so that their menus are read as menus too: each word is on 3+ sites of
# ../shared/corpus (benchmarks/literal_sites.py; round 33 dropped 13 Italian, Portuguese and
# Spanish words on 0-2 sites).
_UI_WORDS_OTHER = frozenset(
    """
    accueil actualités partager commentaires commentaire rechercher recherche connexion abonnez-vous
    s'abonner fermer suivez-nous newsletter inicio portada noticias deportes cerrar compartir
    comentarios comentario etiquetas buscar suscríbete suscribirse
    notícias comentários assine startseite nachrichten teilen
    kommentare kommentar suche anmelden abonnieren schließen cerca
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
UI_WORDS = _UI_WORDS_EN | _UI_WORDS_OTHER


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation (closing quotes/brackets allowed after)."""
    stripped = text.rstrip().rstrip(CLOSING_CHARS)
    return bool(stripped) and stripped[-1] in SENTENCE_END_CHARS
