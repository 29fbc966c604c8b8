"""Registry commands under ``factionlens actors`` and ``factionlens resolve`` (placeholder)."""

from __future__ import annotations
