"""Results of the expensive read queries, kept while the database file is unchanged.

The overview's counts and per-actor aggregates read whole tables; a server mostly answers them
again and again on the same data. Entries are dropped together when the state of the database
changes: the file's or its write-ahead log's modification time or size, or a write made through
this server (:meth:`QueryCache.invalidate`). Cached values are shared: callers copy before changing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class QueryCache:
    """A small least-recently-used cache of query results, keyed on the database's state."""

    def __init__(self, db_path: Path, maxsize: int = 256) -> None:
        self.db_path = db_path
        self.maxsize = maxsize
        self._wal = db_path.with_name(db_path.name + ".wal")
        self._generation = 0
        self._state: tuple[Any, ...] | None = None
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def _current_state(self) -> tuple[Any, ...]:
        files = []
        for path in (self.db_path, self._wal):
            try:
                st = path.stat()
            except OSError:
                files.append(None)
            else:
                files.append((st.st_mtime_ns, st.st_size))
        return (self._generation, *files)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for ``key``, computing it (outside the lock) when missing or stale."""
        state = self._current_state()
        with self._lock:
            if state != self._state:
                self._items.clear()
                self._state = state
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            if self._state == state:
                self._items[key] = value
                while len(self._items) > self.maxsize:
                    self._items.popitem(last=False)
        return value

    def invalidate(self) -> None:
        """Forget everything (after a write through this server)."""
        with self._lock:
            self._generation += 1
            self._items.clear()
            self._state = None
