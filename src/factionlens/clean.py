"""The ``clean`` stage: the stored text of a document, without page and list furniture.

Readers hand over ``Document.raw``; trafilatura already drops most furniture from HTML, but plain
text copied from a page or a mailing list keeps share buttons, comment forms, reader comments,
image placeholders and archive notices. These are removed by general line rules (below, one
table each) and listed in ``Document.furniture``. Photo captions stay in the text (actors named
in them count) as their own paragraph and are marked in ``Document.captions`` with their credit.

Only whitespace is tidied (line ends, trailing and repeated spaces, runs of blank lines):
typography (curly quotes, non-breaking spaces) is kept, as offsets point into this text; matching
folds it separately (:func:`factionlens.model.fold_typography`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factionlens.model import Document, Span, document_id
from factionlens.pipeline import Context, stage
from factionlens.readers.mail import CTIME_DATE, LIST_LINE, strip_list_furniture

# Share and follow buttons: a line made only of these words is a button row.
_SHARE_NAMES = frozenset(
    [
        "facebook",
        "twitter",
        "x",
        "pinterest",
        "telegram",
        "linkedin",
        "whatsapp",
        "email",
        "e-mail",
        "mail",
        "print",
        "share",
        "tweet",
        "reddit",
        "tumblr",
        "vk",
        "vkontakte",
        "messenger",
        "viber",
        "sms",
        "flipboard",
        "pocket",
        "threads",
        "bluesky",
        "mastodon",
        "instagram",
        "youtube",
        "tiktok",
        "copy",
        "link",
        "copied",
        "gmail",
    ]
)
_SHARE_FILLERS = frozenset(
    ["on", "this", "article", "story", "page", "via", "the", "to", "it", "with", "and", "or"]
)
_SEPARATORS = re.compile(r"[\s|·•/,:]+")

# Whole lines that belong to a comment form, a newsletter box, a cookie banner or site navigation.
_FURNITURE_LINE = re.compile(
    r"^(?:"
    r"make a comment|leave a (?:reply|comment)|add (?:a |new )?comment|post (?:a )?comment"
    r"|submit(?: comment)?|all fields(?: are)? required|\(?not to be published\)?"
    r"|\(?(?:will not|won't) be published\)?|your email address will not be published.*"
    r"|required fields are marked.*|captcha\b.*|save my name, email.*|notify me of .*"
    r"|you must be (?:logged|signed) in to (?:post|leave) a comment.*|cancel reply"
    r"|no comments(?: yet)?\.?|be the first to comment.*|\d+\s+comments?|comments?\s*\(\d+\)"
    r"|(?:read more|read also|also read|related|see also|recommended|more on this(?: topic)?)"
    r"(?:\s*:\s*.{1,150})?"
    r"|subscribe(?: to (?:our|the) newsletter.*)?|sign up (?:for|to) (?:our|the) newsletter.*"
    r"|follow us on .{1,60}|join (?:us|our channel) on .{1,60}|download (?:our|the) app.*"
    r"|advertisement|sponsored(?: content)?|skip to (?:main )?content|back to top"
    r"|share (?:this(?: article| story| page| post)?|on \w+|via \w+)|click (?:here )?to share.*"
    r"|print this (?:page|article)"
    # wire-service staff credits: who reported and edited, not what happened
    r"|\((?:additional )?(?:reporting|writing|editing|compiled) by [^()]{1,200}\)"
    r")[.!]?$",
    re.I,
)
_COOKIE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site) (?:use|uses) cookies\b"
    r"|\bcookie (?:policy|settings|preferences|consent|notice)\b|\baccept (?:all )?cookies\b"
    r"|\bby continuing to (?:browse|use)\b.{0,80}\bcookies\b",
    re.I,
)
# A heading that opens the reader comments: in the second half of the text, everything from it
# to the end is furniture.
_COMMENTS_HEADER = re.compile(
    r"^(?:commentaries|comments?|reader(?:s'?)? comments|\d+ comments?|leave a (?:reply|comment)"
    r"|make a comment|add (?:a |new )?comment|post a comment|join the (?:conversation|discussion)"
    r")\s*:?$",
    re.I,
)
# A heading over links to other articles: cut to the end only near the end of the text (in
# copied pages such blocks also sit mid-article, where only the heading line goes).
_RELATED_HEADER = re.compile(
    r"^(?:related(?: articles| stories| posts| news| content| coverage)?|more stories"
    r"|you (?:may|might) also (?:like|be interested in)|recommended(?: for you)?"
    r"|most (?:read|popular)|trending(?: now)?|latest (?:news|stories)|read more)\s*:?$",
    re.I,
)
_PLACEHOLDER = re.compile(
    r"\[(?:image|img|photo|picture|video|embedded content)(?::[^\]\n]*)?\]", re.I
)
_NAV_WORDS = frozenset(
    [
        "top",
        "up",
        "back",
        "home",
        "menu",
        "next",
        "previous",
        "prev",
        "more",
        "close",
        "search",
        "login",
    ]
)
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
# Reader comments numbered and indented after the article: "  1. The US ...".
_NUMBERED_COMMENT = re.compile(r"^\s+(\d{1,3})[.)]\s+\S")
# An indented bulleted block: the way mail archives render an image caption.
_INDENTED_BULLET = re.compile(r"^\s{2,}[-–•*]\s+(?=\S)")
_CAPTION_CUE = re.compile(
    r"^(?:in (?:this|the) (?:file )?(?:photo|picture|image|handout|screenshot|video grab)\b"
    r"|(?:this|a|the) (?:file )?(?:photo|picture|image|handout)\b.{0,40}\b(?:shows|taken)\b"
    r"|(?:file )?(?:photo|image|picture|pictured|caption|photo credit)s?\s*:)",
    re.I,
)
_AGENCIES = (
    r"AP|AFP|Reuters|EPA|Getty(?: Images)?|Xinhua|Anadolu|IRNA|SANA|Tasnim|Fars|Mehr|ISNA|UPI|dpa"
)
_CREDIT = re.compile(
    r"\((?:(?:file )?(?:photos?|images?|pictures?)\s*(?:by|:|via|credit:?)\s*[^()\n]{1,60}"
    rf"|(?:{_AGENCIES})(?:\s+photo)?(?:\s*/\s*[^()\n]{{1,60}})?)\)\s*\.?$",
    re.I,
)
_MAX_CAPTION_CHARS = 600
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass
class _Paragraph:
    lines: list[str]  # as in the raw text (indentation kept, for the block rules)

    @property
    def text(self) -> str:
        return "\n".join(line.strip() for line in self.lines)


@stage("clean", requires=["read"], provides=["clean"])
def clean(doc: Document, ctx: Context) -> Document:
    """Remove page furniture and set the stored text, captions and the content id."""
    options = ctx.options
    if len(doc.raw) > options.max_chars:
        raise ValueError(
            f"too long: {len(doc.raw):,} characters, over max_chars={options.max_chars:,}"
        )
    raw = doc.raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    raw, removed = strip_list_furniture(raw)
    raw, tail = _cut_tail(raw)
    paragraphs, line_furniture = _paragraphs(raw.split("\n"), doc)
    removed.extend(line_furniture)
    paragraphs, comments = _drop_numbered_comments(paragraphs)
    removed.extend(comments + tail)
    text, captions = _assemble(paragraphs)
    if len(text) < options.min_chars:
        raise ValueError(
            f"empty after cleaning: {len(text)} characters left, fewer than "
            f"min_chars={options.min_chars}"
        )
    doc.text = text
    doc.id = document_id(text)
    doc.captions = captions
    doc.furniture = [*doc.hints.get("furniture", []), *removed]
    return doc


def is_furniture_line(line: str) -> bool:
    """True for a whole line that is a share row, comment form, banner or navigation label."""
    stripped = line.strip()
    if not stripped:
        return False
    if _FURNITURE_LINE.match(stripped) or _RELATED_HEADER.match(stripped):
        return True
    if len(stripped) <= 400 and _COOKIE.search(stripped):
        return True
    if _menu(stripped):
        return True
    words = [w for w in _SEPARATORS.split(stripped.casefold()) if w]
    return (
        0 < len(words) <= 12
        and all(w in _SHARE_NAMES or w in _SHARE_FILLERS for w in words)
        and any(w in _SHARE_NAMES for w in words)
    )


def _menu(line: str) -> bool:
    """A site's section menu: "Home | Politics | Security | Economy" (four or more short items,
    none a sentence)."""
    items = [i.strip() for i in re.split(r"\s[|·•»]\s", line)]
    return len(items) >= 4 and all(
        0 < len(i.split()) <= 3 and not re.search(r"[.!?;]$|\d{3,}", i) for i in items
    )


def _paragraphs(lines: list[str], doc: Document) -> tuple[list[_Paragraph], list[str]]:
    """Lines grouped into paragraphs, furniture lines removed (a removed line ends a paragraph)."""
    paragraphs: list[_Paragraph] = []
    removed: list[str] = []
    current: list[str] = []
    seen = 0  # non-blank lines seen, for the mail-header rule

    def close() -> None:
        nonlocal current
        if current:
            paragraphs.append(_Paragraph(current))
        current = []

    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped:
            seen += 1
        placeholders = _PLACEHOLDER.findall(stripped)
        if placeholders:
            removed.extend(placeholders)
            line = _PLACEHOLDER.sub("", line)
            stripped = line.strip()
            if not stripped:
                close()
                continue
        if not stripped:
            close()
            continue
        if is_furniture_line(stripped) or (seen <= 5 and _is_list_line(lines, i)):
            if seen <= 5 and LIST_LINE.match(stripped):
                doc.hints.setdefault("list", stripped)
            removed.append(stripped)
            close()
            continue
        current.append(line)
    close()
    kept = []
    for p in paragraphs:
        if _is_stray_token(p):
            removed.append(p.text)
        else:
            kept.append(p)
    return kept, removed


def _is_list_line(lines: list[str], i: int) -> bool:
    """A pipermail "List Name name at example.org" line, recognised by the date line under it."""
    if not LIST_LINE.match(lines[i].strip()):
        return False
    following = next((ln.strip() for ln in lines[i + 1 :] if ln.strip()), "")
    return bool(CTIME_DATE.match(following))


def _is_stray_token(paragraph: _Paragraph) -> bool:
    """A paragraph of one short token that is no heading: "up", "top", "»"."""
    if len(paragraph.lines) != 1:
        return False
    token = paragraph.lines[0].strip()
    if " " in token or len(token) > 15:
        return False
    return token.casefold() in _NAV_WORDS or token.islower() or bool(_SYMBOLS_ONLY.match(token))


def _cut_tail(raw: str) -> tuple[str, list[str]]:
    """Cut reader comments (from a comments heading in the second half) or a closing list of
    related articles (from its heading in the last 30%) to the end of the text."""
    offset = 0
    for line in raw.split("\n"):
        stripped = line.strip()
        if offset >= len(raw) / 2 and (
            _COMMENTS_HEADER.match(stripped)
            or (offset >= len(raw) * 0.7 and _RELATED_HEADER.match(stripped))
        ):
            tail = raw[offset:].strip()
            return raw[:offset], [tail] if tail else []
        offset += len(line) + 1
    return raw, []


def _drop_numbered_comments(paragraphs: list[_Paragraph]) -> tuple[list[_Paragraph], list[str]]:
    """Indented paragraphs numbered 1, 2, ... that run to the end after the article: comments.

    A list the article introduces (the paragraph before ends with ":") is kept.
    """
    k = len(paragraphs)
    while k > 1 and _NUMBERED_COMMENT.match(paragraphs[k - 1].lines[0]):
        k -= 1
    numbers = [int(_NUMBERED_COMMENT.match(p.lines[0]).group(1)) for p in paragraphs[k:]]
    if not numbers or numbers != list(range(1, len(numbers) + 1)):
        return paragraphs, []
    if paragraphs[k - 1].text.rstrip().endswith(":"):
        return paragraphs, []
    return paragraphs[:k], ["\n\n".join(p.text for p in paragraphs[k:])]


_WRAP_MIN = 45  # a hard-wrapped line (mail archives wrap at 72-76) is at least this long
_WRAP_MAX = 100
_END = (".", "!", "?", '"', "\u201d", ":")


LIST_MARK = r"(?:[-*\u2022\u2013]|\d{1,2}[.)])"  # a list item's bullet or number ("- ", "2. ")
_LIST_MARK = re.compile(rf"\s*{LIST_MARK}\s+\S")


def _unwrap(lines: list[str]) -> str:
    """Join the lines of a paragraph that a mail program or archive wrapped by hand.

    A paragraph whose lines (but the last) all have the length of a hard wrap is prose: its lines
    are joined with spaces, so a sentence is one line again. Elsewhere (header blocks, lists) a
    line is joined to the one before only when it plainly continues it (starts in lower case).
    """
    if len(lines) < 2:
        return "\n".join(lines)
    if sum(bool(_LIST_MARK.match(line)) for line in lines) >= 2:
        wrapped = False  # a list ("- At 12:15 a.m., a headquarters in ..."): one item a line
    else:
        wrapped = all(_WRAP_MIN <= len(line) <= _WRAP_MAX for line in lines[:-1]) or (
            # a paragraph that starts on a short line and goes on wrapped: "X commented" / "on ..."
            len(lines) >= 3
            and not lines[0].rstrip().endswith(_END)
            and all(_WRAP_MIN <= len(line) <= _WRAP_MAX for line in lines[1:-1])
        )
    if wrapped:
        last = lines[-1]
        if (
            len(last) < _WRAP_MIN
            and not last.rstrip().endswith(_END)
            and lines[-2].rstrip().endswith(_END)
        ):  # a short unpunctuated line after a finished sentence is a heading
            return " ".join(lines[:-1]) + "\n" + last
        return " ".join(lines)
    out = [lines[0]]
    for line in lines[1:]:
        if line[:1].islower() and not out[-1].rstrip().endswith(_END):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _assemble(paragraphs: list[_Paragraph]) -> tuple[str, list[Span]]:
    """The stored text (blank line between paragraphs) and the caption and credit spans."""
    parts: list[str] = []
    captions: list[Span] = []
    offset = 0
    for p in paragraphs:
        bullet = _INDENTED_BULLET.match(p.lines[0]) is not None
        lines = [_SPACES.sub(" ", line.strip()) for line in p.lines]
        if bullet:
            lines[0] = _INDENTED_BULLET.sub("", p.lines[0]).strip()
        body = _unwrap(lines)
        if offset:
            offset += 2
        credit = _CREDIT.search(body)
        if len(body) <= _MAX_CAPTION_CHARS and (bullet or credit or _CAPTION_CUE.match(body)):
            captions.append(Span(offset, offset + len(body), "caption", body))
            if credit:
                start = offset + credit.start()
                end = offset + credit.start() + len(credit.group(0).rstrip(" ."))
                captions.append(Span(start, end, "credit", body[credit.start() : end - offset]))
        parts.append(body)
        offset += len(body)
    return "\n\n".join(parts), captions
