"""Fetching ``http(s)://`` inputs with urllib: a timeout, a size limit, a clear User-Agent.

``CLAIMGRAPH_FETCH_TIMEOUT`` (seconds, default 20) and
``CLAIMGRAPH_FETCH_MAX_BYTES`` (default 20 MB) set the limits when the
caller does not. Redirects are followed (urllib's default handler).
"""

from __future__ import annotations

import http.client
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from ..graph.errors import InputError

__all__ = ["USER_AGENT", "Fetched", "fetch", "fetch_limits"]

USER_AGENT = "claimgraph/0.1"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str  # media type, lower case, no parameters
    charset: str | None


def fetch_limits(timeout: float | None = None, max_bytes: int | None = None) -> tuple[float, int]:
    """The limits in force: the arguments, else the environment, else the defaults."""
    if timeout is None:
        timeout = _env_number("CLAIMGRAPH_FETCH_TIMEOUT", DEFAULT_TIMEOUT)
    if max_bytes is None:
        max_bytes = int(_env_number("CLAIMGRAPH_FETCH_MAX_BYTES", DEFAULT_MAX_BYTES))
    return float(timeout), int(max_bytes)


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def fetch(url: str, timeout: float | None = None, max_bytes: int | None = None) -> Fetched | InputError:
    """GET ``url``; an :class:`InputError` says why not (HTTP status, timeout, offline, too large)."""
    timeout, max_bytes = fetch_limits(timeout, max_bytes)
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
                  "text/plain;q=0.8,*/*;q=0.5",
    })
    deadline = time.monotonic() + timeout * 3  # a server that drips bytes still ends
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked by caller
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                return _too_large(url, max_bytes)
            chunks, size = [], 0
            while True:
                chunk = response.read(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    return _too_large(url, max_bytes)
                if time.monotonic() > deadline:
                    raise TimeoutError("the download took too long")
            content_type = response.headers.get_content_type() or ""
            charset = response.headers.get_content_charset()
            return Fetched(response.geturl(), b"".join(chunks), content_type.lower(), charset)
    except urllib.error.HTTPError as exc:
        return InputError(url, f"answered HTTP {exc.code} {exc.reason}.",
                          "Check the address; the page may have moved or need a login.", reason=f"http {exc.code}")
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            return _timed_out(url, timeout)
        return InputError(url, f"cannot be fetched ({exc.reason}).",
                          "Check the address and that this machine is online.", reason="unreachable")
    except (TimeoutError, socket.timeout):
        return _timed_out(url, timeout)
    except (OSError, ValueError, http.client.HTTPException) as exc:
        return InputError(url, f"cannot be fetched ({exc.__class__.__name__}: {exc}).",
                          "Check the address and that this machine is online.", reason="unreachable")


def _timed_out(url: str, timeout: float) -> InputError:
    return InputError(url, f"timed out after {timeout:g} s.",
                      "Try again later, or allow longer with CLAIMGRAPH_FETCH_TIMEOUT=SECONDS.", reason="timeout")


def _too_large(url: str, max_bytes: int) -> InputError:
    return InputError(url, f"is larger than {max_bytes} bytes.",
                      "Save it and give the file, or raise CLAIMGRAPH_FETCH_MAX_BYTES.", reason="too large")
