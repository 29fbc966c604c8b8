"""HTML pages: main text and page metadata via trafilatura, a tag-strip only as a last resort."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError, XMLSyntaxError

_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)
_TAG = re.compile(r"<[^>]*>")
_DROP_FOR_FALLBACK = ("script", "style", "noscript", "nav", "header", "footer", "form", "aside")
FALLBACK_WARNING = "trafilatura found no main text; fell back to stripping tags"


def _date_params() -> dict[str, Any]:
    # Only dates the page states in its markup or header, never one guessed from the body text.
    return {
        "original_date": True,
        "extensive_search": False,
        "outputformat": "%Y-%m-%d",
        "max_date": date.today().isoformat(),
    }


def read_html(html: str) -> tuple[str, dict[str, Any], list[str]]:
    """Main text, metadata hints (title, published, author, outlet, url, language) and warnings."""
    hints: dict[str, Any] = {}
    warnings: list[str] = []
    result = None
    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_date_params(),
        )
    except Exception as exc:  # trafilatura raises assorted lxml/value errors on broken pages
        warnings.append(f"trafilatura failed: {type(exc).__name__}: {exc}")
    text = ""
    if result is not None:
        meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = meta.get("text") or ""
        for key, name in (
            ("title", "title"),
            ("published", "date"),
            ("author", "author"),
            ("outlet", "sitename"),
            ("url", "url"),
            ("language", "language"),
        ):
            value = meta.get(name)
            if isinstance(value, str) and value.strip():
                hints[key] = value.strip()
    language = _LANG.search(html[:5000])
    if language:
        hints["language"] = language.group(1).lower()
    if text.strip():
        return _paragraphs(text), hints, warnings
    text, fallback_warnings = _strip_tags(html)
    warnings.extend(fallback_warnings)
    return text, hints, warnings


def html_to_text(html: str) -> tuple[str, list[str]]:
    """The main text of an HTML fragment or page (used for HTML-only mail)."""
    text, _hints, warnings = read_html(html)
    return text, warnings


def _paragraphs(text: str) -> str:
    # trafilatura puts one block element per line; a blank line between blocks keeps them as
    # paragraphs for the clean stage.
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _strip_tags(html: str) -> tuple[str, list[str]]:
    warnings = [FALLBACK_WARNING]
    try:
        tree = lxml.html.fromstring(html)
        for element in list(tree.iter(*_DROP_FOR_FALLBACK)):
            element.drop_tree()
        for block in tree.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article"):
            block.tail = "\n\n" + (block.tail or "")
        text = tree.text_content()
    except (ParserError, XMLSyntaxError, ValueError):
        text = _TAG.sub(" ", html)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line), warnings
