"""Registry entries and the YAML loader that checks them, naming file and line on every problem.

A registry file is a YAML mapping with one key, ``actors``, holding a list of entries::

    actors:
      - id: kataib-hezbollah
        name: Kata'ib Hezbollah
        kind: armed_group
        aliases:
          - {name: Kataib Hizballah, note: OFAC SDN alias}
          - {name: كتائب حزب الله, script: Arabic}
          - {name: KH, note: common abbreviation}   # an acronym: resolves only when introduced
        relations:
          - {type: part_of, target: popular-mobilization-forces, since: 2014}
        designations:
          - {by: United States, list: FTO, year: 2009}
        note: One line, from public sources.

An alias is a plain string or a mapping with ``name`` and optionally ``script``, ``note``,
``unambiguous`` (an acronym safe to resolve without an introduction), ``generic`` (made of common
words: every word must be capitalised in the text) and ``context`` (shared with another actor; names
this one only when the document is about it). Spelling variants are *not* listed: they are generated.

A user registry (see ``registry/README.md``) may also give an entry ``same_as`` (this actor is the
actor with that id: its names resolve there), ``drop_aliases`` (names of the shipped entry that do
not name it) and ``drop_relations`` (``{type, target}`` of shipped relations the user retracts), and
the file may carry a ``changes`` log, which the entry loader skips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

KINDS = frozenset({"armed_group", "person", "state", "state_force", "organization", "media"})
RELATION_TYPES = frozenset(
    {"part_of", "front_for", "leader_of", "successor_of", "allied_with", "alias_of", "member_of"}
)
TOP_LEVEL_KEYS = frozenset({"actors", "changes"})  # "changes": the user registry's log
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9]{1,7}|(?:[A-Z]\.){2,}|[A-Z]{2,}-[A-Z]{2,})$")


class RegistryError(ValueError):
    """A registry file could not be used; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Alias:
    name: str
    script: str = "Latin"
    note: str = ""
    unambiguous: bool = False
    generic: bool = False
    context: bool = False

    @property
    def acronym(self) -> bool:
        """All-capital short forms (KH, PMU, U.S.) need an introduction or ``unambiguous``."""
        return bool(_ACRONYM.match(self.name))


@dataclass(frozen=True)
class Relation:
    type: str
    target: str
    asserted_by: str | None = None
    since: str | None = None
    until: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Designation:
    by: str
    list: str
    year: int | None = None


@dataclass
class ActorEntry:
    id: str
    name: str
    kind: str
    aliases: list[Alias] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    wikidata: str | None = None
    note: str = ""
    # States: adjectives that name the state when they qualify a state institution ("Israeli
    # regime", "American forces"); alone they name no actor.
    demonyms: list[str] = field(default_factory=list)
    # The name is also a place ("bases in Iraq"): it names the actor only in an actor's role.
    place_like: bool = False
    source: str = ""  # file:line the entry was read from
    # User overlay judgements (registry/user.py writes them): see the module docstring.
    same_as: str | None = None
    drop_aliases: list[str] = field(default_factory=list)
    drop_relations: list[tuple[str, str]] = field(default_factory=list)  # (type, target)

    def all_names(self) -> list[Alias]:
        return [Alias(self.name, note="canonical name", unambiguous=True), *self.aliases]


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0


class _FileLoader:
    """Reads one file into entries; every error is a RegistryError naming ``path:line``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node | None, problem: str) -> RegistryError:
        return RegistryError(f"{self.path}:{_line(node)}: {problem}")

    def load(self) -> list[ActorEntry]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryError(f"{self.path}:0: cannot read the file: {exc}") from exc
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 0
            raise RegistryError(f"{self.path}:{line}: not valid YAML: {exc.problem}") from exc
        except yaml.YAMLError as exc:
            raise RegistryError(f"{self.path}:0: not valid YAML: {exc}") from exc
        if root is None:
            return []
        top = self.mapping(root, "the file")
        if set(top) - TOP_LEVEL_KEYS:
            raise self.fail(root, f"unknown top-level key(s) {sorted(set(top) - TOP_LEVEL_KEYS)}")
        actors = top.get("actors")
        if actors is None:
            return []
        if not isinstance(actors, yaml.SequenceNode):
            raise self.fail(actors, "'actors' must be a list of entries")
        return [self.entry(node) for node in actors.value]

    def mapping(self, node: yaml.Node, what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        out: dict[str, yaml.Node] = {}
        for k, v in node.value:
            key = self.scalar(k, "a key")
            if key in out:
                raise self.fail(k, f"duplicate key '{key}'")
            out[key] = v
        return out

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a single value")
        return str(node.value).strip()

    def seq(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def flag(self, fields: dict[str, yaml.Node], key: str) -> bool:
        if key not in fields:
            return False
        value = self.scalar(fields[key], key).lower()
        if value not in ("true", "false", "yes", "no"):
            raise self.fail(fields[key], f"'{key}' must be true or false, not '{value}'")
        return value in ("true", "yes")

    def entry(self, node: yaml.Node) -> ActorEntry:
        f = self.mapping(node, "an actor entry")
        known = {
            "id",
            "name",
            "kind",
            "aliases",
            "relations",
            "designations",
            "wikidata",
            "note",
            "demonyms",
            "place_like",
            "same_as",
            "drop_aliases",
            "drop_relations",
        }
        unknown = sorted(set(f) - known)
        if unknown:
            raise self.fail(node, f"unknown field(s) {unknown} (known: {sorted(known)})")
        for req in ("id", "name", "kind"):
            if req not in f:
                raise self.fail(node, f"actor entry without '{req}'")
        actor_id = self.scalar(f["id"], "id")
        if not _ID.match(actor_id):
            raise self.fail(
                f["id"], f"id '{actor_id}' must be a lowercase slug like 'kataib-hezbollah'"
            )
        kind = self.scalar(f["kind"], "kind")
        if kind not in KINDS:
            raise self.fail(f["kind"], f"kind '{kind}' is not one of {sorted(KINDS)}")
        name = self.scalar(f["name"], "name")
        if not name:
            raise self.fail(f["name"], "empty name")
        wikidata = self.scalar(f["wikidata"], "wikidata") if "wikidata" in f else None
        if wikidata and not re.match(r"^Q\d+$", wikidata):
            raise self.fail(f["wikidata"], f"wikidata id '{wikidata}' must look like Q123")
        return ActorEntry(
            id=actor_id,
            name=name,
            kind=kind,
            aliases=[self.alias(a) for a in self.seq(f["aliases"], "aliases")]
            if "aliases" in f
            else [],
            relations=[self.relation(r) for r in self.seq(f["relations"], "relations")]
            if "relations" in f
            else [],
            designations=[self.designation(d) for d in self.seq(f["designations"], "designations")]
            if "designations" in f
            else [],
            wikidata=wikidata,
            note=self.scalar(f["note"], "note") if "note" in f else "",
            demonyms=[self.scalar(d, "a demonym") for d in self.seq(f["demonyms"], "demonyms")]
            if "demonyms" in f
            else [],
            place_like=self.flag(f, "place_like"),
            source=f"{self.path.name}:{_line(node)}",
            same_as=self.scalar(f["same_as"], "same_as") if "same_as" in f else None,
            drop_aliases=[
                self.scalar(a, "a name") for a in self.seq(f["drop_aliases"], "drop_aliases")
            ]
            if "drop_aliases" in f
            else [],
            drop_relations=[
                self.dropped(r) for r in self.seq(f["drop_relations"], "drop_relations")
            ]
            if "drop_relations" in f
            else [],
        )

    def dropped(self, node: yaml.Node) -> tuple[str, str]:
        f = self.mapping(node, "a dropped relation")
        if set(f) != {"type", "target"}:
            raise self.fail(node, "a dropped relation has exactly 'type' and 'target'")
        return self.scalar(f["type"], "type"), self.scalar(f["target"], "target")

    def alias(self, node: yaml.Node) -> Alias:
        if isinstance(node, yaml.ScalarNode):
            name = self.scalar(node, "an alias")
            if not name:
                raise self.fail(node, "empty alias")
            return Alias(name)
        f = self.mapping(node, "an alias")
        unknown = sorted(set(f) - {"name", "script", "note", "unambiguous", "generic", "context"})
        if unknown:
            raise self.fail(node, f"unknown alias field(s) {unknown}")
        if "name" not in f or not self.scalar(f["name"], "name"):
            raise self.fail(node, "alias without a name")
        script = self.scalar(f["script"], "script") if "script" in f else "Latin"
        if script not in ("Latin", "Arabic", "Persian"):
            raise self.fail(f["script"], f"script '{script}' must be Latin, Arabic or Persian")
        return Alias(
            name=self.scalar(f["name"], "name"),
            script=script,
            note=self.scalar(f["note"], "note") if "note" in f else "",
            unambiguous=self.flag(f, "unambiguous"),
            generic=self.flag(f, "generic"),
            context=self.flag(f, "context"),
        )

    def relation(self, node: yaml.Node) -> Relation:
        f = self.mapping(node, "a relation")
        unknown = sorted(set(f) - {"type", "target", "asserted_by", "since", "until", "note"})
        if unknown:
            raise self.fail(node, f"unknown relation field(s) {unknown}")
        for req in ("type", "target"):
            if req not in f:
                raise self.fail(node, f"relation without '{req}'")
        rtype = self.scalar(f["type"], "type")
        if rtype not in RELATION_TYPES:
            raise self.fail(
                f["type"], f"relation type '{rtype}' is not one of {sorted(RELATION_TYPES)}"
            )

        def opt(key: str) -> str | None:
            return self.scalar(f[key], key) if key in f else None

        return Relation(
            type=rtype,
            target=self.scalar(f["target"], "target"),
            asserted_by=opt("asserted_by"),
            since=opt("since"),
            until=opt("until"),
            note=opt("note") or "",
        )

    def designation(self, node: yaml.Node) -> Designation:
        f = self.mapping(node, "a designation")
        for req in ("by", "list"):
            if req not in f:
                raise self.fail(node, f"designation without '{req}'")
        year: int | None = None
        if "year" in f:
            raw = self.scalar(f["year"], "year")
            if not raw.isdigit():
                raise self.fail(f["year"], f"year '{raw}' must be a number")
            year = int(raw)
        return Designation(self.scalar(f["by"], "by"), self.scalar(f["list"], "list"), year)


def load_file(path: Path) -> list[ActorEntry]:
    """Entries of one registry file; a problem raises :class:`RegistryError` (nothing is kept)."""
    return _FileLoader(Path(path)).load()


def check_relations(entries: dict[str, ActorEntry]) -> None:
    """Every relation (and ``same_as``) must point at a known actor."""
    for entry in entries.values():
        if entry.same_as is not None and entry.same_as not in entries:
            raise RegistryError(
                f"{entry.source}: '{entry.id}' is marked the same as unknown actor '{entry.same_as}'"
            )
        for rel in entry.relations:
            if rel.target not in entries:
                raise RegistryError(
                    f"{entry.source}: relation {rel.type} of '{entry.id}' points at unknown actor "
                    f"'{rel.target}'"
                )
