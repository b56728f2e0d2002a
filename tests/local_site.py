"""A threaded HTTP server on 127.0.0.1 for tests that run the command line against real URLs (the CLI runs its own
event loop, so the server lives in a thread), a quiet handler base, and the hostile bodies several tests serve."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# cut off inside its only item's description: well-formed up to there, the item has no text
BROKEN_FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken Desk</title><item><title>One</title>'
               b"<link>http://127.0.0.1/x</link><description>unterminated")
SCRIPT_PAGE = (b"<html><head><script>" + b"var a=1;" * 2000 + b"</script></head><body><script>go()</script></body>"
               b"</html>")


class QuietHandler(BaseHTTPRequestHandler):
    """Answers with ``answer``; ``/redirloop`` redirects to itself; nothing is logged to stderr."""

    def answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirected_in_a_loop(self) -> bool:
        """Whether this request was for ``/redirloop`` (then answered with a redirect to itself)."""
        if self.path != "/redirloop":
            return False
        self.send_response(302)
        self.send_header("Location", "/redirloop")
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on a free port of 127.0.0.1 while the block runs; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
