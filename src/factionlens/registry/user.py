"""Editing the user registry: every change is a recorded judgement that can be listed and undone.

The user file (default :func:`~factionlens.registry.user_registry_path`) has the registry format
(see ``registry/README.md``) plus a ``changes`` log. A change records who made it, when (UTC), why,
what it did, and the user entries it touched *as they were before*, so :func:`Editor.undo` can put
them back. Shipped entries are never edited: the overlay adds aliases and relations, retracts shipped
ones (``drop_aliases``, ``drop_relations``) and records merges (``same_as``). The file is rewritten
atomically, and only after the result loads cleanly together with the shipped registry.

The CLI (``factionlens actors ...``) is a thin layer over :class:`Editor` and :func:`candidates`.
"""

from __future__ import annotations

import copy
import getpass
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from factionlens.registry import Registry, load_registry, user_registry_path
from factionlens.registry.normalize import name_key, slug
from factionlens.registry.schema import (
    _ID,
    KINDS,
    RELATION_TYPES,
    ActorEntry,
    RegistryError,
    load_file,
)

SCRIPTS = ("Latin", "Arabic", "Persian")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_HEADER = (
    "# factionlens user registry: overlays the shipped one. Edit with `factionlens actors ...`\n"
    "# (every change is logged under `changes:` and can be undone); format: registry/README.md\n"
)


class EditError(ValueError):
    """A change the user asked for cannot be made; the message says why and what to do."""


def who() -> str:
    """The user recorded with a change: ``$USER``, else the login name."""
    name = os.environ.get("USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (containers without a passwd entry)
        return "unknown"


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _script_of(name: str) -> str:
    for c in name:
        if c.isalpha() and not c.isascii():
            uname = unicodedata.name(c, "")
            if uname.startswith("ARABIC"):
                return "Arabic"
    return "Latin"


# --- the file ---------------------------------------------------------------------------------


@dataclass
class UserFile:
    """The user registry as written: entries and the change log, as plain YAML data."""

    path: Path
    actors: list[dict[str, Any]]
    changes: list[dict[str, Any]]

    @classmethod
    def open(cls, path: Path) -> UserFile:
        """Read ``path`` (missing: empty); a malformed file raises RegistryError with file:line."""
        path = Path(path)
        if not path.exists():
            return cls(path, [], [])
        load_file(path)  # checks every entry and names file:line on a problem
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text) or {}
        changes = data.get("changes") or []
        if not isinstance(changes, list) or not all(
            isinstance(c, dict) and isinstance(c.get("id"), int) and isinstance(c.get("op"), str)
            for c in changes
        ):
            line = 0
            if isinstance(root, yaml.MappingNode):
                for k, v in root.value:
                    if k.value == "changes":
                        line = v.start_mark.line + 1
            raise RegistryError(
                f"{path}:{line}: 'changes' must be a list of logged changes (each with an "
                "integer 'id' and an 'op'); it is written by `factionlens actors`, do not edit it"
            )
        return cls(path, list(data.get("actors") or []), changes)

    def entry(self, actor_id: str) -> dict[str, Any] | None:
        return next((e for e in self.actors if e.get("id") == actor_id), None)

    def put(self, entry: dict[str, Any]) -> None:
        for i, e in enumerate(self.actors):
            if e.get("id") == entry["id"]:
                self.actors[i] = entry
                return
        self.actors.append(entry)

    def remove(self, actor_id: str) -> None:
        self.actors = [e for e in self.actors if e.get("id") != actor_id]

    def dump(self) -> str:
        body = yaml.safe_dump(
            {"actors": self.actors, "changes": self.changes},
            sort_keys=False,
            allow_unicode=True,
            width=100,
        )
        return _HEADER + body

    def save(self) -> None:
        """Write atomically, after checking the result loads over the shipped registry."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text(self.dump(), encoding="utf-8")
        try:
            load_registry(tmp, user_default=False)
        except RegistryError as exc:
            tmp.unlink(missing_ok=True)
            msg = str(exc).replace(str(tmp), str(self.path)).replace(tmp.name, self.path.name)
            raise EditError(
                f"not saved: the change would make the registry invalid: {msg}"
            ) from exc
        os.replace(tmp, self.path)


# --- the editor -------------------------------------------------------------------------------


def _alias_dict(name: str, script: str, note: str, context: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name}
    if script != "Latin":
        out["script"] = script
    if note:
        out["note"] = note
    if context:
        out["context"] = True
    return out


class Editor:
    """Changes to one user registry file; each public method records one change and saves."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else user_registry_path()
        self.file = UserFile.open(self.path)

    @cached_property
    def registry(self) -> Registry:
        """The shipped registry with this user file on top (as it is before the change)."""
        return load_registry(self.path if self.path.exists() else None, user_default=False)

    @cached_property
    def shipped(self) -> Registry:
        return load_registry(None, user_default=False)

    # -- lookups --

    def require(self, actor_id: str) -> ActorEntry:
        """The actor with this id, or an EditError naming it and the closest ids."""
        entry = self.registry.get(actor_id)
        if entry is not None:
            return entry
        raise EditError(f"unknown actor id '{actor_id}'{self._close(actor_id)}")

    def _close(self, text: str) -> str:
        ids: list[str] = []
        res = self.registry.resolve(text, threshold=80)
        if res is not None:
            ids.append(res.actor_id)
        labels = {e.id: f"{e.id} {e.name}" for e in self.registry}
        for _, _, actor_id in process.extract(
            text, labels, scorer=fuzz.WRatio, limit=3, score_cutoff=60
        ):
            if actor_id not in ids:
                ids.append(actor_id)
        if not ids:
            return " (no close match; `factionlens actors --type ...` lists actors)"
        return (
            "; close matches: "
            + ", ".join(
                f"{i} ({self.registry.get(i).name})"  # type: ignore[union-attr]
                for i in ids[:3]
            )
        )

    def _live(self, actor_id: str) -> ActorEntry:
        entry = self.require(actor_id)
        if entry.same_as is not None:
            raise EditError(
                f"'{actor_id}' is merged into '{entry.same_as}': edit '{entry.same_as}' instead "
                "(or undo the merge: `factionlens actors history`)"
            )
        return entry

    def label(self, actor_id: str) -> str:
        e = self.registry.get(actor_id)
        return f"{e.name} [{actor_id}]" if e else actor_id

    def collisions(self, name: str, actor_id: str | None) -> list[str]:
        """Other actors that already have an alias with the same normalised key as ``name``."""
        norm = name_key(name)
        return sorted(
            {t.actor_id for t in self.registry.matcher.by_norm.get(norm, [])} - {actor_id}
        )

    def _user_entry(self, actor_id: str) -> dict[str, Any]:
        """The user entry for ``actor_id`` (a copy), created from the registry when absent."""
        found = self.file.entry(actor_id)
        if found is not None:
            return copy.deepcopy(found)
        e = self.require(actor_id)
        return {"id": e.id, "name": e.name, "kind": e.kind}

    # -- recording --

    def _commit(
        self,
        op: str,
        why: str,
        summary: str,
        before: dict[str, dict[str, Any] | None],
        **details: Any,
    ) -> dict[str, Any]:
        change: dict[str, Any] = {
            "id": max((c["id"] for c in self.file.changes), default=0) + 1,
            "op": op,
            "summary": summary,
            "who": who(),
            "when": _now(),
            "why": why,
        }
        change.update({k: v for k, v in details.items() if v not in (None, [], "")})
        change["before"] = before
        self.file.changes.append(change)
        self.file.save()
        self.__dict__.pop("registry", None)  # the next lookup sees the change
        return change

    def _snapshot(self, *actor_ids: str) -> dict[str, dict[str, Any] | None]:
        return {a: copy.deepcopy(self.file.entry(a)) for a in actor_ids}

    # -- changes --

    def add(
        self,
        actor_id: str,
        name: str,
        kind: str,
        aliases: list[str] | None = None,
        note: str = "",
        why: str = "",
        force: bool = False,
        candidate: str | None = None,
    ) -> dict[str, Any]:
        """A new actor with its aliases (``candidate``: the database candidate it comes from)."""
        if not _ID.match(actor_id):
            raise EditError(
                f"id '{actor_id}' must be a lowercase slug like 'saraya-example' "
                f"(try '{slug(name)}')"
            )
        if kind not in KINDS:
            raise EditError(f"kind '{kind}' is not one of {', '.join(sorted(KINDS))}")
        if not name.strip():
            raise EditError("--name must not be empty")
        existing = self.registry.get(actor_id)
        if existing is not None:
            raise EditError(
                f"actor '{actor_id}' exists already ({existing.name}, {existing.kind}); "
                f"add a name with `factionlens actors alias {actor_id} NAME`"
            )
        names = [name.strip()] + [a.strip() for a in aliases or [] if a.strip()]
        entry: dict[str, Any] = {"id": actor_id, "name": names[0], "kind": kind}
        alias_list: list[dict[str, Any]] = []
        collided: dict[str, list[str]] = {}
        for i, n in enumerate(names):
            others = self.collisions(n, None)
            if others:
                collided[n] = others
            if i:
                note_n = f"collides with {', '.join(others)}; resolved by context" if others else ""
                alias_list.append(_alias_dict(n, _script_of(n), note_n, bool(others)))
        if collided and not force:
            raise EditError(self._collision_message(collided, actor_id))
        if alias_list:
            entry["aliases"] = alias_list
        if note:
            entry["note"] = note
        before = self._snapshot(actor_id)
        self.file.put(entry)
        summary = f"added {kind} '{names[0]}' [{actor_id}]"
        if len(names) > 1:
            summary += f" with {len(names) - 1} alias(es)"
        if candidate:
            summary = f"candidate [{candidate}] accepted: {summary}"
        return self._commit(
            "accept" if candidate else "add",
            why,
            summary,
            before,
            actor=actor_id,
            candidate=candidate,
            collision=sorted({o for v in collided.values() for o in v}),
        )

    def _collision_message(self, collided: dict[str, list[str]], actor_id: str) -> str:
        parts = [
            f"'{n}' is already a name of {', '.join(self.label(o) for o in others)}"
            for n, others in collided.items()
        ]
        return (
            "; ".join(parts)
            + f": adding it to '{actor_id}' would make it ambiguous. Use --force to add it anyway "
            f"(it then names '{actor_id}' only in documents that name '{actor_id}' in full)"
        )

    def alias(
        self,
        actor_id: str,
        name: str,
        script: str | None = None,
        note: str = "",
        force: bool = False,
        why: str = "",
    ) -> dict[str, Any]:
        """Another name for an actor; a name another actor already has needs ``force``."""
        entry = self._live(actor_id)
        name = name.strip()
        if not name_key(name):
            raise EditError(f"alias '{name}' has no letters or digits")
        script = script or _script_of(name)
        if script not in SCRIPTS:
            raise EditError(f"--script '{script}' must be one of {', '.join(SCRIPTS)}")
        if name_key(name) in {name_key(a.name) for a in entry.all_names()}:
            raise EditError(f"'{name}' is already a name of {self.label(actor_id)}")
        others = self.collisions(name, actor_id)
        if others and not force:
            raise EditError(self._collision_message({name: others}, actor_id))
        if others:
            note = "; ".join(
                x for x in (note, f"collides with {', '.join(others)}; resolved by context") if x
            )
        user = self._user_entry(actor_id)
        before = self._snapshot(actor_id)
        user.setdefault("aliases", []).append(_alias_dict(name, script, note, bool(others)))
        drops = [d for d in user.get("drop_aliases", []) if name_key(d) != name_key(name)]
        if "drop_aliases" in user:
            user["drop_aliases"] = drops
            if not drops:
                del user["drop_aliases"]
        self.file.put(user)
        summary = f"alias '{name}' for {self.label(actor_id)}"
        if others:
            summary += f" (forced: also a name of {', '.join(others)}; resolved by context)"
        return self._commit(
            "alias", why, summary, before, actor=actor_id, alias=name, collision=others
        )

    def link(
        self,
        actor_id: str,
        relation: str,
        other: str,
        asserted_by: str | None = None,
        since: str | None = None,
        until: str | None = None,
        note: str = "",
        why: str = "",
    ) -> dict[str, Any]:
        """A relation from one actor to another, with who asserts it and when it held."""
        if relation not in RELATION_TYPES:
            raise EditError(
                f"relation '{relation}' is not one of {', '.join(sorted(RELATION_TYPES))}"
            )
        entry = self._live(actor_id)
        self.require(other)
        if other == actor_id:
            raise EditError(f"an actor cannot be {relation} itself ('{actor_id}')")
        for label, value in (("since", since), ("until", until)):
            if value is not None and not _DATE.match(value):
                raise EditError(f"--{label} takes YYYY, YYYY-MM or YYYY-MM-DD, not '{value}'")
        if any(r.type == relation and r.target == other for r in entry.relations):
            raise EditError(
                f"{self.label(actor_id)} is already {relation} {self.label(other)} "
                f"(`factionlens actors unlink {actor_id} {relation} {other}` first to change it)"
            )
        rel: dict[str, Any] = {"type": relation, "target": other}
        for key, value in (("asserted_by", asserted_by), ("since", since), ("until", until)):
            if value:
                rel[key] = value
        if note:
            rel["note"] = note
        user = self._user_entry(actor_id)
        before = self._snapshot(actor_id)
        user.setdefault("relations", []).append(rel)
        self.file.put(user)
        return self._commit(
            "link",
            why,
            f"{self.label(actor_id)} {relation} {self.label(other)}"
            + (f" (asserted by {asserted_by})" if asserted_by else ""),
            before,
            actor=actor_id,
            relation=relation,
            other=other,
        )

    def unlink(self, actor_id: str, relation: str, other: str, why: str = "") -> dict[str, Any]:
        """Retract a relation (a shipped one is retracted in the overlay, never deleted)."""
        entry = self._live(actor_id)
        self.require(other)
        if not any(r.type == relation and r.target == other for r in entry.relations):
            have = ", ".join(f"{r.type} {r.target}" for r in entry.relations) or "none"
            raise EditError(
                f"{self.label(actor_id)} has no {relation} relation to '{other}' "
                f"(its relations: {have})"
            )
        user = self._user_entry(actor_id)
        before = self._snapshot(actor_id)
        kept = [
            r
            for r in user.get("relations", [])
            if (r.get("type"), r.get("target")) != (relation, other)
        ]
        if "relations" in user:
            user["relations"] = kept
            if not kept:
                del user["relations"]
        base = self.shipped.get(actor_id)
        if base is not None and any(
            r.type == relation and r.target == other for r in base.relations
        ):
            user.setdefault("drop_relations", []).append({"type": relation, "target": other})
        self.file.put(user)
        return self._commit(
            "unlink",
            why,
            f"retracted {self.label(actor_id)} {relation} {self.label(other)}",
            before,
            actor=actor_id,
            relation=relation,
            other=other,
        )

    def merge(self, source: str, into: str, why: str = "") -> dict[str, Any]:
        """Judge two actors the same: ``source``'s names resolve to ``into`` from now on."""
        src = self._live(source)
        dst = self._live(into)
        if source == into:
            raise EditError(f"cannot merge '{source}' into itself")
        if src.kind != dst.kind:
            raise EditError(
                f"'{source}' is a {src.kind} and '{into}' a {dst.kind}: only actors of one kind "
                "can be the same"
            )
        user = self._user_entry(source)
        before = self._snapshot(source)
        user["same_as"] = into
        self.file.put(user)
        return self._commit(
            "merge",
            why,
            f"{self.label(source)} is the same as {self.label(into)}",
            before,
            actor=source,
            other=into,
            judgement="same",
        )

    def split(
        self, actor_id: str, name: str, into: str, kind: str | None = None, why: str = ""
    ) -> dict[str, Any]:
        """Move an alias of ``actor_id`` to the actor ``into`` (created when new)."""
        entry = self._live(actor_id)
        key = name_key(name)
        if key == name_key(entry.name):
            raise EditError(
                f"'{name}' is the canonical name of {self.label(actor_id)}; it cannot be split off"
            )
        alias = next((a for a in entry.aliases if name_key(a.name) == key), None)
        if alias is None:
            raise EditError(
                f"'{name}' is not an alias of {self.label(actor_id)} (its aliases: "
                f"{', '.join(a.name for a in entry.aliases) or 'none'})"
            )
        if alias.note.startswith("merged from "):
            raise EditError(
                f"'{name}' came to {self.label(actor_id)} with a merge ({alias.note}); undo that "
                "merge instead (`factionlens actors history`, `factionlens actors undo`)"
            )
        target = self.registry.get(into)
        if target is None:
            if not _ID.match(into):
                raise EditError(f"--into '{into}' must be a lowercase slug like '{slug(name)}'")
            kind = kind or entry.kind
            if kind not in KINDS:
                raise EditError(f"kind '{kind}' is not one of {', '.join(sorted(KINDS))}")
        else:
            self._live(into)
            if kind and kind != target.kind:
                raise EditError(f"'{into}' exists and is a {target.kind}, not a {kind}")
            others = self.collisions(name, into)
            others = [o for o in others if o != actor_id]
            if others:
                raise EditError(self._collision_message({name: others}, into))
        user = self._user_entry(actor_id)
        before = self._snapshot(actor_id, into)
        kept = [
            a
            for a in user.get("aliases", [])
            if name_key(a["name"] if isinstance(a, dict) else str(a)) != key
        ]
        if "aliases" in user:
            user["aliases"] = kept
            if not kept:
                del user["aliases"]
        base = self.shipped.get(actor_id)
        if base is not None and any(name_key(a.name) == key for a in base.aliases):
            user.setdefault("drop_aliases", []).append(alias.name)
        self.file.put(user)
        note = f"split from {actor_id}" + (f"; {alias.note}" if alias.note else "")
        if target is None:
            new: dict[str, Any] = {"id": into, "name": alias.name, "kind": kind}
            if alias.script != "Latin":
                new["aliases"] = [_alias_dict(alias.name, alias.script, note)]
            new["note"] = note
        else:
            new = self._user_entry(into)
            new.setdefault("aliases", []).append(_alias_dict(alias.name, alias.script, note))
        self.file.put(new)
        return self._commit(
            "split",
            why,
            f"'{alias.name}' moved from {self.label(actor_id)} to "
            + (f"new actor [{into}]" if target is None else self.label(into)),
            before,
            actor=actor_id,
            alias=alias.name,
            other=into,
        )

    def accept(
        self,
        candidate: dict[str, Any],
        actor_id: str | None = None,
        kind: str | None = None,
        why: str = "",
    ) -> dict[str, Any]:
        """Make a candidate actor (from the database) a registry actor, or names of an existing one."""
        cand_id = candidate["id"]
        if cand_id in self.decided():
            raise EditError(f"candidate '{cand_id}' was already decided (see history)")
        names = [candidate["name"]] + [
            a for a in candidate.get("aliases", []) if name_key(a) != name_key(candidate["name"])
        ]
        actor_id = actor_id or slug(candidate["name"])
        existing = self.registry.get(actor_id)
        if existing is None:
            return self.add(
                actor_id,
                names[0],
                kind or candidate.get("kind") or "armed_group",
                names[1:],
                note=f"accepted from candidate {cand_id}",
                why=why,
                candidate=cand_id,
            )
        self._live(actor_id)
        if kind and kind != existing.kind:
            raise EditError(f"'{actor_id}' exists and is a {existing.kind}, not a {kind}")
        known = {name_key(a.name) for a in existing.all_names()}
        new = [n for n in names if name_key(n) not in known]
        collided = {n: o for n in new if (o := self.collisions(n, actor_id))}
        if collided:
            raise EditError(self._collision_message(collided, actor_id))
        user = self._user_entry(actor_id)
        before = self._snapshot(actor_id)
        for n in new:
            user.setdefault("aliases", []).append(
                _alias_dict(n, _script_of(n), f"accepted from candidate {cand_id}")
            )
        self.file.put(user)
        return self._commit(
            "accept",
            why,
            f"candidate [{cand_id}] '{candidate['name']}' accepted as {self.label(actor_id)}"
            + (f" ({len(new)} new alias(es))" if new else " (no new names)"),
            before,
            actor=actor_id,
            candidate=cand_id,
        )

    def reject(self, candidate: dict[str, Any], why: str = "") -> dict[str, Any]:
        """Record that a candidate is not an actor worth keeping (hidden from the candidate list)."""
        if candidate["id"] in self.decided():
            raise EditError(f"candidate '{candidate['id']}' was already decided (see history)")
        return self._commit(
            "reject",
            why,
            f"rejected candidate '{candidate['name']}' [{candidate['id']}]",
            {},
            candidate=candidate["id"],
        )

    def decided(self) -> set[str]:
        """Candidate ids accepted or rejected by changes still in force."""
        return {
            c["candidate"]
            for c in self.file.changes
            if c.get("candidate") and not c.get("undone_by") and c["op"] in ("accept", "reject")
        }

    # -- history, undo, export, import --

    def history(self) -> list[dict[str, Any]]:
        return [{k: v for k, v in c.items() if k != "before"} for c in self.file.changes]

    def undo(self, n: int = 1, why: str = "") -> dict[str, Any]:
        """Reverse the last ``n`` changes still in force (an undo is itself logged)."""
        if n < 1:
            raise EditError("undo takes a positive number of changes")
        todo = [
            c
            for c in reversed(self.file.changes)
            if c["op"] != "undo" and not c.get("undone_by") and not c.get("imported_from")
        ][:n]
        if not todo:
            raise EditError(f"nothing to undo in {self.path}")
        if len(todo) < n:
            raise EditError(f"only {len(todo)} change(s) can be undone in {self.path}, not {n}")
        new_id = max(c["id"] for c in self.file.changes) + 1
        for c in todo:
            for actor_id, entry in (c.get("before") or {}).items():
                if entry is None:
                    self.file.remove(actor_id)
                else:
                    self.file.put(copy.deepcopy(entry))
            c["undone_by"] = new_id
        return self._commit(
            "undo",
            why,
            "undid " + "; ".join(f"#{c['id']} {c['summary']}" for c in todo),
            {},
            undoes=[c["id"] for c in todo],
        )

    def export(self) -> str:
        """The user registry as YAML (entries and log), for :meth:`import_file` elsewhere."""
        return self.file.dump()

    def import_file(self, source: Path, why: str = "") -> dict[str, Any]:
        """Add the entries of an exported user registry (same ids are replaced), logged as one change."""
        source = Path(source)
        if not source.is_file():
            raise EditError(f"no file at {source}")
        load_registry(source, user_default=False)  # RegistryError names file:line
        other = UserFile.open(source)
        if not other.actors:
            raise EditError(f"{source} holds no actors to import")
        ids = [e["id"] for e in other.actors]
        before = self._snapshot(*ids)
        for e in other.actors:
            self.file.put(copy.deepcopy(e))
        base = max((c["id"] for c in self.file.changes), default=0)
        for c in other.changes:
            past = {k: v for k, v in c.items() if k != "before"}
            past["id"] = base + c["id"]
            if c.get("undone_by"):
                past["undone_by"] = base + c["undone_by"]
            if c.get("undoes"):
                past["undoes"] = [base + i for i in c["undoes"]]
            past["imported_from"] = str(source)
            self.file.changes.append(past)
        return self._commit(
            "import",
            why,
            f"imported {len(ids)} actor(s) from {source}",
            before,
            file=str(source),
        )


# --- candidates from a database ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


def _snippet(window: str, start: int, end: int) -> str:
    """The sentence around [start, end) in ``window`` (a slice of the document text)."""
    left = 0
    for m in _SENTENCE_END.finditer(window, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(window, end)
    right = m.start() if m else len(window)
    text = " ".join(window[left:right].split())
    return ("… " if left == 0 and start > 150 else "") + text


def candidates(
    con: Any, registry: Registry, decided: set[str], limit: int = 50, per_actor: int = 3
) -> list[dict[str, Any]]:
    """Candidate actors in the database with mentions in context and suggested registry matches.

    ``con`` is a DuckDB connection to a factionlens database; ``decided`` are candidate ids already
    accepted or rejected (left out).
    """
    rows = con.execute(
        """
        SELECT a.id, a.name, a.kind, count(m.actor_id) AS n_mentions,
               count(DISTINCT m.document_id) AS n_documents
        FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id
        WHERE a.candidate
        GROUP BY a.id, a.name, a.kind
        ORDER BY n_documents DESC, n_mentions DESC, a.id
        """
    ).fetchall()
    out: list[dict[str, Any]] = []
    for actor_id, name, kind, n_mentions, n_docs in rows:
        if actor_id in decided:
            continue
        aliases = [
            r[0]
            for r in con.execute(
                "SELECT alias FROM aliases WHERE actor_id = $a ORDER BY alias", {"a": actor_id}
            ).fetchall()
        ]
        mentions = []
        for doc_id, source, title, text, start, end, offset in con.execute(
            """
            SELECT d.id, d.source, d.title, m.text, m.start, m."end",
                   greatest(m.start - 200, 0) AS offset
            FROM mentions m JOIN documents d ON d.id = m.document_id
            WHERE m.actor_id = $a ORDER BY d.id, m.start LIMIT $n
            """,
            {"a": actor_id, "n": per_actor},
        ).fetchall():
            window = con.execute(
                "SELECT substr(text, $o + 1, $len) FROM documents WHERE id = $d",
                {"o": offset, "len": end - offset + 200, "d": doc_id},
            ).fetchone()[0]
            mentions.append(
                {
                    "document": doc_id,
                    "source": source,
                    "title": title,
                    "text": text,
                    "snippet": _snippet(window, start - offset, end - offset),
                }
            )
        suggestions: dict[str, dict[str, Any]] = {}
        for n in dict.fromkeys([name, *aliases]):
            res = registry.resolve(n, threshold=70)
            if res is None:
                continue
            best = suggestions.get(res.actor_id)
            if best is None or res.score > best["score"]:
                suggestions[res.actor_id] = {
                    "actor_id": res.actor_id,
                    "name": registry.get(res.actor_id).name,  # type: ignore[union-attr]
                    "score": res.score,
                    "method": res.method,
                    "why": res.explanation,
                }
        out.append(
            {
                "id": actor_id,
                "name": name,
                "kind": kind,
                "aliases": aliases,
                "documents": n_docs,
                "mentions": n_mentions,
                "examples": mentions,
                "suggestions": sorted(suggestions.values(), key=lambda s: -s["score"]),
            }
        )
        if len(out) >= limit:
            break
    return out


def candidate(con: Any, cand_id: str) -> dict[str, Any] | None:
    """One candidate actor from the database (id, name, kind, aliases), or None."""
    row = con.execute(
        "SELECT id, name, kind FROM actors WHERE id = $i AND candidate", {"i": cand_id}
    ).fetchone()
    if row is None:
        return None
    aliases = [
        r[0]
        for r in con.execute(
            "SELECT alias FROM aliases WHERE actor_id = $a ORDER BY alias", {"a": cand_id}
        ).fetchall()
    ]
    return {"id": row[0], "name": row[1], "kind": row[2], "aliases": aliases}
