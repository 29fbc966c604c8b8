"""Shared fixtures. Tests that need ../shared/ (seeds, gold, datasets) skip with a clear message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


def _find_shared() -> Path | None:
    env = os.environ.get("FACTIONLENS_SHARED")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared")
    for c in candidates:
        if (c / "gold" / "seeds.json").is_file():
            return c
    return None


SHARED = _find_shared()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared/ folder beside the checkout (seeds, gold, datasets); skips the test without it."""
    if SHARED is None:
        pytest.skip("../shared/ (seed corpus and gold file) is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data: realistic fixtures written for this project."""
    return DATA


@pytest.fixture(scope="session")
def pipeline():
    """One loaded default pipeline for the whole test session (the model loads once)."""
    from factionlens.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(autouse=True)
def _isolated_user_registry(tmp_path_factory, monkeypatch):
    """A developer's own ~/.factionlens/registry.yaml must not change what the tests see."""
    monkeypatch.setenv("FACTIONLENS_HOME", str(tmp_path_factory.mktemp("factionlens-home")))
