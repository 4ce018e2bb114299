"""A small static server for the built site, with the MIME types and caching Pyodide needs.

python -m exercises.site.server [--port 8000] [--dir site]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}

# Files under these folders have versioned names, so they never change once published.
IMMUTABLE = ("/assets/pyodide/", "/assets/engine/")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self) -> None:
        if any(self.path.startswith(prefix) for prefix in IMMUTABLE):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if getattr(self.server, "quiet", False):
            return
        super().log_message(format, *args)


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False):
    handler = functools.partial(Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.quiet = quiet
    server.daemon_threads = True
    return server


def serve_in_background(directory: Path, port: int = 0):
    """For tests and the benchmark: returns (server, base_url); call server.shutdown() when done."""
    server = make_server(directory, port=port, quiet=True)
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
