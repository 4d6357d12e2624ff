"""The site's name: declared (og:site_name, JSON-LD publisher, application-name) or the domain."""

from __future__ import annotations

from urllib.parse import urlsplit

# Second-level labels that are part of the public suffix (``bbc.co.uk``), not the site.
_SLD_SUFFIXES = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "gv"})


def host_of(url: str | None) -> str | None:
    """The URL's host without ``www.``; None for a missing or non-web URL."""
    if not url or "://" not in url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def domain_label(url: str | None) -> str | None:
    """The registrable name of the host: ``nytimes`` for ``www.nytimes.com``."""
    host = host_of(url)
    if not host:
        return None
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SLD_SUFFIXES:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


def name_for_host(name: str | None, url: str | None) -> str | None:
    """A site name that is only the page's host (``gregoryszorc.com``: trafilatura's last resort
    when the page names no site) as the domain's name, ``gregoryszorc``: what a reader calls a
    site that never names itself (the corpus/meta convention). A name the page writes with its
    domain ending ("Salon.com", "Aktuálně.cz") differs from the host in case or form and stays."""
    host = host_of(url)
    if name and host and name.removeprefix("www.") == host:
        return domain_label(url)
    return name


def site_aliases(declared: list[str | None], url: str | None) -> list[str]:
    """Every name the site may go by in a title affix: declared names, host and domain label."""
    names = [d for d in declared if d]
    host = host_of(url)
    if host:
        names += [host, domain_label(url) or ""]
    return [n for n in names if n]
