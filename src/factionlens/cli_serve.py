"""``factionlens serve``: the web app and HTTP API over a database (see factionlens.web)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the CLI app."""

    @app.command()
    def serve(
        db: Annotated[Path, typer.Option("--db", help="The DuckDB database file.")] = Path(
            "factionlens.duckdb"
        ),
        host: Annotated[
            str, typer.Option(help="Address to listen on (only this machine by default).")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
        token: Annotated[
            str | None,
            typer.Option(
                help="Enable the write endpoints (upload, review) for requests sending "
                "'Authorization: Bearer TOKEN'. Also read from FACTIONLENS_TOKEN.",
                envvar="FACTIONLENS_TOKEN",
            ),
        ] = None,
        max_upload_mb: Annotated[
            float, typer.Option(min=0.01, help="Largest request body accepted, in MB.")
        ] = 5.0,
    ) -> None:
        """Serve the web UI and the HTTP API (OpenAPI docs at /docs) over the database.

        Example: `factionlens serve --db demo.duckdb` then open http://127.0.0.1:8000/
        """
        import uvicorn

        from factionlens.store import StoreError
        from factionlens.web import create_app

        try:
            web = create_app(db, token=token, max_upload_bytes=int(max_upload_mb * 1024 * 1024))
        except StoreError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        if host not in ("127.0.0.1", "localhost", "::1"):
            typer.echo(
                f"warning: listening on {host}: other machines can reach this server", err=True
            )
        mode = "read-write (token required)" if token else "read-only"
        typer.echo(f"factionlens: serving {db} ({mode}) on http://{host}:{port}/", err=True)
        uvicorn.run(
            web, host=host, port=port, log_level=os.environ.get("FACTIONLENS_LOG", "warning")
        )
