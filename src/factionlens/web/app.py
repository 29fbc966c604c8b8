"""The web app: an HTTP API and server-rendered pages over the same query functions as the CLI.

:func:`create_app` opens the DuckDB file once. Without a token the connection is read-only and the
write endpoints answer 403; with one, they need ``Authorization: Bearer TOKEN``. Every request reads
through a cursor of its own for its duration (DuckDB cursors are safe to use one per thread), taken
from a pool so connections are reused rather than opened per request (a page's independent queries
may run at the same time, each on a cursor of the pool: :meth:`CursorPool.read_all`); writes are
serialised by one lock. Expensive aggregates are cached while the file is unchanged
(:mod:`factionlens.web.cache`). Errors come back as ``{"error": message, "status": code}`` (pages:
an HTML error page), never a traceback.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import duckdb
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from factionlens import __version__
from factionlens.store import Store, StoreError
from factionlens.web.cache import QueryCache

log = logging.getLogger(__name__)
T = TypeVar("T")

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024

# Scripts and styles come only from this server: no inline script, nothing from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class WebError(Exception):
    """An error with a status code and a message for the user (the API's and the pages')."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: Any, max_upload: int) -> None:
        super().__init__(app)
        self.max_upload = max_upload

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                return _error_response(request, 400, "invalid Content-Length header")
            if int(length) > self.max_upload:
                return _error_response(
                    request,
                    413,
                    f"request body of {int(length)} bytes is over the limit of "
                    f"{self.max_upload} bytes",
                )
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path in ("/openapi.json", "/docs"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _error_response(request: Request, status: int, message: str) -> Response:
    if _wants_html(request):
        from factionlens.web.pages import render_error

        return render_error(request, status, message)
    return JSONResponse({"error": message, "status": status}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "invalid parameters: " + "; ".join(parts)


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    registry: Any = None,
) -> FastAPI:
    """The app over the database at ``db_path``; write endpoints only when ``token`` is given.

    ``registry`` (a :class:`factionlens.registry.Registry`) is loaded on first use when not given.
    Raises :class:`factionlens.store.StoreError` when the database cannot be opened.
    """
    writable = bool(token)
    db_path = Path(db_path).resolve()
    # Store checks the schema (and migrates a writable file); then its connection is ours.
    store = Store(db_path, read_only=not writable)

    # DuckDB reads rows through an index when up to 2,048 match; fetching them one by one was
    # ~4x slower than a scan for an active actor's few hundred events or mentions (100k-event
    # benchmark). Keep index lookups for the single rows of a detail page only. A setting of this
    # process's database instance: nothing is written to the file.
    store.con.execute("SET index_scan_max_count = 16")
    cursors = CursorPool(store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        cursors.close()
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="factionlens",
        version=__version__,
        description=(
            "Read the factionlens knowledge base: documents, actors, events with their sources. "
            "Write endpoints need a server started with --token and `Authorization: Bearer`."
        ),
        docs_url=None,  # the default page loads Swagger UI from a CDN: see pages.docs_page
        redoc_url=None,
    )
    app.state.store = store
    app.state.cursors = cursors
    app.state.cache = QueryCache(db_path)
    app.state.db_path = db_path
    app.state.token = token or None
    app.state.max_upload = max_upload_bytes
    app.state.write_lock = threading.Lock()
    app.state._registry = registry

    app.add_middleware(_SecurityHeaders, max_upload=max_upload_bytes)

    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return _error_response(request, exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, 422, _validation_message(exc))

    @app.exception_handler(duckdb.Error)
    async def _db_error(request: Request, exc: duckdb.Error) -> Response:
        log.exception("database error on %s", request.url.path)
        return _error_response(request, 500, "database error (see the server log)")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("error on %s", request.url.path)
        return _error_response(request, 500, "internal error (see the server log)")

    from factionlens.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    swagger = _swagger_dir()
    if swagger is not None:
        app.mount("/docs-assets", StaticFiles(directory=swagger), name="docs-assets")

    return app


def _swagger_dir() -> Path | None:
    """Swagger UI 5's files from the ``swagger-ui-py`` package, served locally (no CDN)."""
    try:
        import swagger_ui
    except ImportError:
        return None
    static = Path(swagger_ui.__file__).resolve().parent / "static"
    return static if (static / "swagger-ui-bundle.js").is_file() else None


class CursorPool:
    """Cursors on the store's connection, lent to one request at a time and then reused.

    Not thread-local: FastAPI may run a request's dependencies and its endpoint on different
    threads of its pool, so a cursor belongs to a request, not to a thread.
    """

    def __init__(self, store: Store, max_idle: int = 16, workers: int = 4) -> None:
        self.store = store
        self.max_idle = max_idle
        self._idle: queue.LifoQueue[duckdb.DuckDBPyConnection] = queue.LifoQueue()
        # Shared by all requests, so the threads reading for them stay few however many come.
        self._workers = ThreadPoolExecutor(workers, thread_name_prefix="factionlens-read")

    def read_all(
        self, reads: Mapping[str, Callable[[duckdb.DuckDBPyConnection], T]]
    ) -> dict[str, T]:
        """Each read run on a cursor of its own, all at the same time: their results by key.

        DuckDB releases the GIL while a query runs, so independent reads of one page overlap on
        free cores (the busiest actor's reads: ~160 ms one after another, ~100 ms at once on two
        cores; no gain when other work keeps the cores busy). A read's exception is raised here,
        after every read has ended.
        """
        futures = {key: self._workers.submit(self._read, read) for key, read in reads.items()}
        wait(futures.values())
        return {key: future.result() for key, future in futures.items()}

    def _read(self, read: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        cur = self.take()
        try:
            result = read(cur)
        except BaseException:
            cur.close()  # it may hold a half-read result: do not lend it again
            raise
        self.give_back(cur)
        return result

    def take(self) -> duckdb.DuckDBPyConnection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self.store.con.cursor()

    def give_back(self, cur: duckdb.DuckDBPyConnection) -> None:
        if self._idle.qsize() < self.max_idle:
            self._idle.put(cur)
        else:
            cur.close()

    def close(self) -> None:
        self._workers.shutdown(wait=True)
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def get_con(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor for this request, from the app's pool (given back when the request ends)."""
    pool: CursorPool = request.app.state.cursors
    cur = pool.take()
    try:
        yield cur
    except BaseException:
        cur.close()  # it may hold a half-read result: do not lend it again
        raise
    else:
        pool.give_back(cur)


def cached(request: Request, key: Any, compute: Any) -> Any:
    """``compute()``, remembered under ``key`` while the database is unchanged."""
    return request.app.state.cache.get(key, compute)


Con = Annotated[duckdb.DuckDBPyConnection, Depends(get_con)]


def get_registry(request: Request) -> Any:
    """The actor registry, loaded once per app (None when it cannot be read)."""
    state = request.app.state
    if state._registry is None:
        from factionlens.registry import RegistryError, load_registry

        try:
            state._registry = load_registry()
        except RegistryError as exc:
            log.warning("registry not loaded: %s", exc)
            state._registry = False
    return state._registry or None


def require_token(request: Request) -> None:
    """Allow a write only with the server's token as ``Authorization: Bearer TOKEN``."""
    import secrets

    token = request.app.state.token
    if not token:
        raise WebError(
            403, "write endpoints are disabled: start the server with --token to enable them"
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise WebError(401, "missing or wrong token: send 'Authorization: Bearer TOKEN'")


def html(content: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(content, status_code=status)


__all__ = ["Con", "StoreError", "WebError", "create_app", "get_con", "require_token"]
