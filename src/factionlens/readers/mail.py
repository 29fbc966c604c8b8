"""Mail: ``.eml`` files, ``.mbox`` files, Mailman/pipermail text archives and single posts.

One document per message. Headers become hints (Subject -> title, Date -> published, From ->
author only when it names a person); list furniture (scrubbed attachments, "next part"
separators, list footers) is dropped from the body and listed in ``hints["furniture"]``.
The list a message came through is recorded as ``hints["list"]``: it is not the outlet.
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.policy
import email.utils
import re
from collections.abc import Iterator
from email.message import EmailMessage, Message
from typing import Any

from factionlens.readers.html import html_to_text

# An mbox envelope line: "From sender  Fri Feb  9 19:00:40 2024" (the year ends the line).
_ENVELOPE = re.compile(rb"^From \S+[^\n]*\b\d{4}[ \t]*\r?$", re.MULTILINE)
_ENVELOPE_TEXT = re.compile(r"^From \S+[^\n]*\b\d{4}[ \t]*$")
# Leading list tags and reply/forward markers of a subject: "[News] Re: Fwd: ...".
_SUBJECT_PREFIX = re.compile(r"^(?:\s*(?:\[[^\]\n]{1,40}\]|(?:re|fwd?|aw|tr|wg)\s*:))+\s*", re.I)
# Pipermail writes addresses as "name at example.org".
_OBFUSCATED_ADDRESS = re.compile(r"\b([\w.+-]+) at ([\w-]+(?:\.[\w-]+)+)\b")
LIST_LINE = re.compile(r"^(?P<name>\S.*?)\s+(?P<address>[\w.+-]+ at [\w-]+(?:\.[\w-]+)+)\s*$")
CTIME_DATE = re.compile(
    r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"\w*\s+\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[A-Z]{2,5}\s+)?\d{4}$"
)

# Lines Mailman and pipermail add to a message. Each entry: (pattern, how many of the following
# lines belong to it when they look like attachment fields).
_NEXT_PART = re.compile(r"^-{5,}\s*next part\s*-{5,}$", re.I)
_SCRUBBED = re.compile(
    r"^An? (?:HTML|non-text|embedded \S+) (?:attachment|message) was scrubbed", re.I
)
_ATTACHMENT_FIELD = re.compile(r"^(?:Name|Type|Size|Desc|URL|Url):\s")
_LIST_RULE = re.compile(r"^_{20,}$")
_LIST_FOOTER_LINE = re.compile(
    r"mailing list|listinfo|\bunsubscribe\b|[\w.+-]+ at [\w-]+\.|@", re.I
)
_ARCHIVE_NOTICE = re.compile(
    r"^(?:More information about the .{1,80} mailing list"
    r"|Previous message(?: \(by thread\))?:\s"
    r"|Next message(?: \(by thread\))?:\s"
    r"|Messages sorted by:\s)",
    re.I,
)

# Words that mark a sender name as a list, newsroom or organisation rather than a person.
_NOT_A_PERSON = frozenset(
    [
        "news",
        "list",
        "lists",
        "mailing",
        "digest",
        "team",
        "info",
        "newsletter",
        "admin",
        "administrator",
        "editor",
        "editors",
        "editorial",
        "press",
        "media",
        "office",
        "committee",
        "network",
        "agency",
        "group",
        "service",
        "services",
        "bulletin",
        "daily",
        "weekly",
        "update",
        "updates",
        "alert",
        "alerts",
        "center",
        "centre",
        "institute",
        "foundation",
        "association",
        "archive",
        "archives",
        "notification",
        "notifications",
        "support",
        "noreply",
        "no-reply",
        "desk",
        "staff",
        "the",
        "campaign",
        "coalition",
        "council",
        "project",
        "movement",
        "collective",
        "radio",
        "tv",
    ]
)
_NAME_TOKEN = re.compile(r"^[A-Z][\w.'’-]*$")


def strip_list_furniture(text: str) -> tuple[str, list[str]]:
    """Drop mailing-list furniture lines from ``text``; return the text and what was dropped.

    Attachment notices and the lines describing the scrubbed file, "next part" separators, the
    Mailman footer rule with the list lines under it, and pipermail navigation lines go; any other
    text after a separator (an inline text attachment) stays.
    """
    lines = text.split("\n")
    kept: list[str] = []
    removed: list[str] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if _NEXT_PART.match(stripped) or _ARCHIVE_NOTICE.match(stripped):
            removed.append(stripped)
            i += 1
            continue
        if _SCRUBBED.match(stripped):
            block = [stripped]
            i += 1
            while i < len(lines) and _ATTACHMENT_FIELD.match(lines[i].strip()):
                block.append(lines[i].strip())
                i += 1
            removed.append("\n".join(block))
            continue
        if _LIST_RULE.match(stripped):
            block = [stripped]
            j = i + 1
            while j < len(lines) and _LIST_FOOTER_LINE.search(lines[j]):
                block.append(lines[j].strip())
                j += 1
            if len(block) > 1 or j >= len(lines) or not lines[j].strip():
                removed.append("\n".join(block))
                i = j
                continue
        kept.append(lines[i])
        i += 1
    return "\n".join(kept), removed


def strip_subject(subject: str) -> str:
    """A subject without list tags and reply/forward markers: "[News] Re: X" -> "X"."""
    return _SUBJECT_PREFIX.sub("", subject).strip()


def person_name(display_name: str) -> str | None:
    """``display_name`` when it looks like a person's name (2-4 capitalised words), else None."""
    name = " ".join(display_name.replace('"', " ").split())
    if "," in name:  # "Roe, Jane" -> "Jane Roe"
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}"
    tokens = name.split()
    if not 2 <= len(tokens) <= 4:
        return None
    if any(t.casefold() in _NOT_A_PERSON or not _NAME_TOKEN.match(t) for t in tokens):
        return None
    return name


def is_archive(text: str) -> bool:
    """True when ``text`` starts like an mbox/pipermail archive (an envelope "From " line)."""
    first = text.lstrip("\ufeff\n")[:300].split("\n", 1)[0]
    return bool(_ENVELOPE_TEXT.match(first))


def pipermail_header(text: str) -> dict[str, Any] | None:
    """Hints from the header of a single pipermail post saved as text, or None if it is not one.

    The post starts with the subject line, then "List Name name at example.org", then the date
    line ("Fri Feb 9 19:00:40 EST 2024").
    """
    head = [ln.strip() for ln in text[:2000].split("\n") if ln.strip()][:5]
    for k in range(1, len(head) - 1):
        match = LIST_LINE.match(head[k])
        if match and CTIME_DATE.match(head[k + 1]):
            hints: dict[str, Any] = {
                "list": match.group(0),
                "published_text": head[k + 1],
            }
            title = strip_subject(head[0])
            if title:
                hints["title"] = title
            return hints
    return None


def split_mbox(data: bytes) -> Iterator[bytes]:
    """The messages of an mbox (or pipermail archive) as bytes, envelope lines removed.

    Hand-written rather than ``mailbox.mbox``: that needs a file on disk (not the inside of a
    ``.gz``) and splits at every line starting with "From ", while here a message starts only at
    an envelope line that opens the file or follows a blank line.
    """
    starts = [m for m in _ENVELOPE.finditer(data) if _after_blank_line(data, m.start())]
    for n, m in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(data)
        yield data[m.end() : end].lstrip(b"\r\n")


def _after_blank_line(data: bytes, pos: int) -> bool:
    before = data[max(0, pos - 3) : pos]
    return pos == 0 or before.endswith(b"\n\n") or before.endswith(b"\n\r\n")


def parse_message(data: bytes) -> tuple[str, dict[str, Any], list[str]]:
    """Body text, hints and warnings of one message (RFC 5322 bytes)."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    hints: dict[str, Any] = {}
    warnings: list[str] = []
    raw = dict(msg.raw_items())
    subject = _decoded(raw.get("Subject", ""))
    if subject and strip_subject(subject):
        hints["title"] = strip_subject(subject)
    date = raw.get("Date", "").strip()
    if date:
        hints["published_text"] = date
        try:
            hints["published"] = email.utils.parsedate_to_datetime(date).date().isoformat()
        except (TypeError, ValueError, IndexError):
            warnings.append(f"unreadable Date header {date!r}")
    sender = _OBFUSCATED_ADDRESS.sub(r"\1@\2", _decoded(raw.get("From", "")))
    display, _address = email.utils.parseaddr(sender)
    author = person_name(display) if display else None
    if author:
        hints["author"] = author
    for key, header in (("list", "List-Id"), ("message_id", "Message-ID"), ("url", "Archived-At")):
        if raw.get(header):
            hints[key] = _decoded(raw[header]).strip().strip("<>") if key == "url" else raw[header]
    body, encoding = _body(msg, warnings)
    if encoding:
        hints["encoding"] = encoding
    body, furniture = strip_list_furniture(body)
    if furniture:
        hints["furniture"] = furniture
    return body, hints, warnings


def _decoded(value: str) -> str:
    """A raw header value with RFC 2047 encoded words decoded; never raises."""
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
        return value


def _body(msg: Message, warnings: list[str]) -> tuple[str, str | None]:
    """The text/plain part (or the text of the HTML part when there is no plain one)."""
    part = msg.get_body(preferencelist=("plain", "html")) if isinstance(msg, EmailMessage) else None
    if part is None:
        if msg.get_content_maintype() != "multipart" and msg.get_content_maintype() in ("", "text"):
            part = msg
        else:
            warnings.append("message has no text part")
            return "", None
    charset = part.get_content_charset()
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, KeyError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
        warnings.append(f"undecodable charset {charset!r}; read as UTF-8 with replacements")
    if not isinstance(content, str):
        content = content.decode("utf-8", errors="replace") if isinstance(content, bytes) else ""
    if part.get_content_subtype() == "html":
        content, html_warnings = html_to_text(content)
        warnings.extend(html_warnings)
    return content.replace("\r\n", "\n"), charset
