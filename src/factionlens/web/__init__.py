"""The web app and HTTP API (``factionlens serve``): see :func:`factionlens.web.app.create_app`."""

from factionlens.web.app import create_app

__all__ = ["create_app"]
