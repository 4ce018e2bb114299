"""The local server (scripts/serve, the tests, the benchmark) shows only the site and answers every request:
no listings, the site's own 404 page, nothing outside the site folder, 400/405/414 rather than a dropped
connection, and the page's Content-Security-Policy as a header."""

import http.client
import re
import socket
import struct
import time

import pytest

from exercises.site import csp
from exercises.site.server import serve_in_background


@pytest.fixture(scope="module")
def server(built_site):
    server, url = serve_in_background(built_site)
    yield server.server_address[1]
    server.shutdown()


def get(port, path, method="GET", body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def raw(port, request: bytes) -> bytes:
    """Send bytes as they are and read the whole answer; a dropped connection reads as b''."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def status_of(answer: bytes) -> int:
    match = re.match(rb"HTTP/1\.[01] (\d{3}) ", answer)
    assert match, f"no status line in {answer[:200]!r}"
    return int(match.group(1))


def not_found_page(built_site) -> bytes:
    return (built_site / "404.html").read_bytes()


def test_a_folder_without_a_page_is_not_found_and_never_listed(server, built_site):
    for path in ["/assets/", "/assets/javascripts/", "/assets/exercises/views/", "/search/"]:
        status, _, body = get(server, path)
        assert status == 404, path
        assert body == not_found_page(built_site)
        assert b"Directory listing" not in body


def test_a_folder_with_a_page_shows_it_and_a_missing_slash_is_added(server, built_site):
    status, headers, body = get(server, "/house/")
    assert status == 200
    assert body == (built_site / "house" / "index.html").read_bytes()
    status, headers, _ = get(server, "/house?x=1")
    assert status == 301 and headers["Location"] == "/house/?x=1"
    # A path that starts with two slashes must not become a link to another host.
    status, headers, _ = get(server, "//house")
    assert status == 301 and headers["Location"] == "/house/"


def test_an_unknown_path_gets_the_sites_own_404_page(server, built_site):
    status, headers, body = get(server, "/no/such/page/")
    assert status == 404
    assert body == not_found_page(built_site)
    assert headers["Content-Type"] == "text/html"
    status, headers, body = get(server, "/no/such/page/", method="HEAD")
    assert status == 404 and body == b"" and int(headers["Content-Length"]) == len(not_found_page(built_site))


@pytest.mark.parametrize("path", [
    "/../", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/assets/..%5c..%5cetc/passwd", "/%252e%252e/etc/passwd",
    "/house/../../../etc/passwd", "/./../etc/passwd"])
def test_traversal_never_leaves_the_site_folder(server, built_site, path):
    answer = raw(server, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert status_of(answer) in (400, 404), path
    assert b"root:" not in answer


def test_traversal_to_a_real_file_beside_the_site_is_not_served(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>in</title>")
    (tmp_path / "secret.txt").write_text("outside the site")
    server, url = serve_in_background(site)
    try:
        port = server.server_address[1]
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt"]:
            answer = raw(port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            assert status_of(answer) in (400, 404), path
            assert b"outside the site" not in answer
    finally:
        server.shutdown()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"])
def test_only_get_and_head_are_answered(server, method):
    status, headers, _ = get(server, "/", method=method, body=b"x=1" if method in ("POST", "PUT") else None)
    assert status == 405
    assert headers["Allow"] == "GET, HEAD"


def test_a_too_long_url_gets_414(server):
    for length in (10_000, 100_000):
        answer = raw(server, b"GET /" + b"a" * length + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        assert status_of(answer) == 414, length


@pytest.mark.parametrize("request_bytes", [
    b"HELLO\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n",
    b"GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /index.html%00.png HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /%0d%0aSet-Cookie:x=1 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET http://elsewhere.example/ HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n" + b"X: y\r\n" * 200 + b"\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",  # a TLS hello sent to plain HTTP
], ids=["no-version", "one-word", "http-9.9", "four-words", "nul", "nul-in-name", "crlf", "absolute-form",
        "too-many-headers", "tls"])
def test_a_malformed_request_gets_an_answer_not_a_dropped_connection(server, request_bytes):
    answer = raw(server, request_bytes)
    assert answer, "the connection was dropped without an answer"
    assert 400 <= status_of(answer) < 500
    assert b"Set-Cookie" not in answer.split(b"\r\n\r\n")[0]


def test_the_server_keeps_answering_after_hostile_requests(server):
    for request_bytes in [b"GET /%00 HTTP/1.1\r\n\r\n", b"HELLO\r\n\r\n", b"GET /" + b"a" * 70_000 + b"\r\n"]:
        raw(server, request_bytes)
    assert get(server, "/")[0] == 200


def test_a_browser_that_stops_reading_a_large_file_leaves_no_trace_in_the_terminal(server, built_site, capfd):
    """A learner who moves to another page while a file is still coming: the trainer's terminal running
    scripts/serve shows no traceback, and the server goes on answering."""
    large = max((p for p in built_site.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    path = "/" + large.relative_to(built_site).as_posix()
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", server), timeout=10) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            sock.recv(1024)
    time.sleep(1)
    assert get(server, "/")[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def test_html_carries_the_pages_policy_as_a_header_with_frame_ancestors(server, built_site):
    for path, file in [("/", "index.html"),
                       ("/exercises/parts-of-the-house/", "exercises/parts-of-the-house/index.html"),
                       ("/exercises/roleplay/diabetes-review/", "exercises/roleplay/diabetes-review/index.html"),
                       ("/nowhere", "404.html")]:
        _, headers, body = get(server, path)
        meta = csp.meta_policy((built_site / file).read_text(encoding="utf-8"))
        assert meta and "'sha256-" in meta
        assert headers["Content-Security-Policy"] == f"{meta}; frame-ancestors 'self'", path
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
    # A revalidated page keeps its policy: a 304's headers replace the cached ones.
    _, headers, _ = get(server, "/", headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})
    assert headers["Content-Security-Policy"].startswith(csp.meta_policy((built_site / "index.html").read_text()))


def test_other_files_and_errors_carry_the_shared_policy(server):
    for path in ["/assets/exercises/engine-worker.js", "/assets/site.css", "/search/search_index.json", "/%00"]:
        answer = raw(server, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        head = answer.split(b"\r\n\r\n")[0].decode("latin-1")
        assert f"Content-Security-Policy: {csp.BASE_POLICY}; frame-ancestors 'self'\r\n" in head + "\r\n", path
