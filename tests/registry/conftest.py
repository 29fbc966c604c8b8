"""The shipped registry, shared by the registry tests."""

from __future__ import annotations

import pytest

from factionlens.registry import Registry, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The shipped registry alone (no user file)."""
    return load_registry(user_default=False)
