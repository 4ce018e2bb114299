"""A small static server for the built site, with the MIME types and caching Pyodide needs.

It shows only the site: GET and HEAD of files inside the site folder (a folder only through its
index.html), the site's own 404 page for anything else, no directory listings, and an answer (400, 405,
414, 431) rather than a dropped connection for a request it will not serve. Every response carries the
Content-Security-Policy: an HTML page's own (from its meta tag) plus what only a header can say.
Versioned runtime files (Pyodide, the engine zip and its snapshot) may be cached for a year; everything else,
the service worker (service-worker.js, at the root so its scope is the whole site) above all, is revalidated.
Browsers run service workers only over HTTPS or from 127.0.0.1/localhost, so offline use works here too.

python -m exercises.site.server [--port 8000] [--dir site]
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import http.server
import io
import re
import select
import threading
import time
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote, unquote

from exercises.site.csp import header_policy

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}

# Files under these folders have versioned names, so they never change once published (the engine zip and
# its memory snapshot are both in assets/engine/). Everything else, service-worker.js above all, is
# revalidated, so a rebuild is seen at once.
IMMUTABLE = ("/assets/pyodide/", "/assets/engine/")
# No page of the site has a URL anywhere near this long.
MAX_TARGET = 8192
# METHOD SP request-target SP HTTP/1.x: anything else is answered 400.
REQUEST_LINE = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+ \S+ HTTP/1\.[01]")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
ALLOWED = "GET, HEAD"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    default_request_version = "HTTP/1.0"  # so even a malformed request line gets a status line back
    server_version = "HouseOfCareSite"
    timeout = 30  # seconds a silent client may hold a connection

    def version_string(self) -> str:
        return self.server_version  # no Python version for strangers

    # --- reading the request -------------------------------------------------------------------------

    def handle_one_request(self) -> None:
        self.path = ""
        self._csp = None
        self._cache = "no-cache"
        super().handle_one_request()

    def parse_request(self) -> bool:
        line = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        if not REQUEST_LINE.fullmatch(line):
            self.requestline, self.command = line[:200], ""
            self.request_version = self.default_request_version
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request line")
            return False
        if len(line.split(" ")[1]) > MAX_TARGET:
            self.requestline, self.command = line[:200], ""
            self.request_version = self.default_request_version
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return False
        return super().parse_request()

    def __getattr__(self, name: str):
        # Every method but GET and HEAD (do_GET, do_HEAD) is answered 405 with Allow.
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    # --- answering -----------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        raw = self.path.split("?", 1)[0].split("#", 1)[0]
        path = unquote(raw, errors="replace")
        if not raw.startswith("/") or CONTROL.search(path):
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
            return
        target = self._inside_site(path)
        if target is not None and target.is_dir():
            if not (target / "index.html").is_file():
                target = None  # a folder without a page: not found, never a listing
            elif not raw.endswith("/"):
                # Rebuilt from the folder's own name, so "//host" can never send anyone elsewhere.
                folder = target.relative_to(Path(self.directory).resolve()).as_posix()
                location = quote(f"/{folder}/".replace("/./", "/")) + self.path[len(raw):]
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            else:
                target = target / "index.html"
        if target is None or not target.is_file():
            self._not_found(body)
            return
        self._cache = ("public, max-age=31536000, immutable" if path.startswith(IMMUTABLE) else "no-cache")
        self._send_file(target, HTTPStatus.OK, body)

    def _inside_site(self, path: str) -> Path | None:
        """The file or folder the path names inside the site folder, or None (never anything outside it)."""
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if any(p == ".." or "\\" in p for p in parts):
            return None
        root = Path(self.directory).resolve()
        try:
            target = root.joinpath(*parts).resolve()
            target.stat()
        except (OSError, ValueError):
            return None
        return target if target == root or target.is_relative_to(root) else None

    def _send_file(self, target: Path, status: int, body: bool) -> None:
        stat = target.stat()
        data = target.read_bytes() if target.suffix == ".html" else None
        if data is not None:
            self._csp = header_policy(data)  # a 304 too: its headers replace the cached ones
        if status == HTTPStatus.OK and self._not_modified(stat.st_mtime):
            return
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Length", str(stat.st_size if data is None else len(data)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        if not body:
            return
        with (io.BytesIO(data) if data is not None else target.open("rb")) as source:
            self.copyfile(source, self.wfile)

    def copyfile(self, source, outputfile) -> None:
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the browser stopped reading (it went to another page): no trace

    def _not_modified(self, mtime: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or "If-None-Match" in self.headers:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        if when.tzinfo is None or int(mtime) > when.timestamp():
            return False
        self.send_response(HTTPStatus.NOT_MODIFIED)
        self.end_headers()
        return True

    def _not_found(self, body: bool) -> None:
        page = Path(self.directory) / "404.html"
        if page.is_file():
            self._send_file(page, HTTPStatus.NOT_FOUND, body)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def list_directory(self, path):  # never: a folder without index.html is not found
        self._not_found(self.command != "HEAD")
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == HTTPStatus.METHOD_NOT_ALLOWED:
            self._allow = True
        super().send_error(code, message, explain)
        self._linger()

    def _linger(self, seconds: float = 1.0, most: int = 1 << 20) -> None:
        """Read what is left of a refused request before closing, so the client gets the answer instead of
        a reset connection."""
        try:
            self.wfile.flush()
            deadline, read = time.monotonic() + seconds, 0
            while read < most and time.monotonic() < deadline:
                ready, _, _ = select.select([self.connection], [], [], 0.05)
                if not ready:
                    break
                chunk = self.connection.recv(65536)
                if not chunk:
                    break
                read += len(chunk)
        except OSError:
            pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", getattr(self, "_cache", "no-cache"))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("Content-Security-Policy", getattr(self, "_csp", None) or header_policy())
        if getattr(self, "_allow", False):
            self.send_header("Allow", ALLOWED)
            self._allow = False
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if getattr(self.server, "quiet", False):
            return
        super().log_message(format, *args)


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False,
                handler_class: type | None = None):
    handler = functools.partial(handler_class or Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.quiet = quiet
    server.daemon_threads = True
    return server


def serve_in_background(directory: Path, port: int = 0, handler_class: type | None = None):
    """For tests and the benchmark: returns (server, base_url); call server.shutdown() when done. A test can
    pass its own subclass of Handler (a server that stalls, or answers slowly)."""
    server = make_server(directory, port=port, quiet=True, handler_class=handler_class)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", type=Path, default=Path("site"))
    args = parser.parse_args()
    server = make_server(args.dir, port=args.port)
    print(f"Serving {args.dir} at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
