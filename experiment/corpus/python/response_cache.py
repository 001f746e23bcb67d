# A disk-backed cache for HTTP GET responses: entries stored as JSON under hashed names, with TTL and size limits.
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from urllib.request import Request, urlopen

MAX_ENTRY_BYTES = 2 * 1024 * 1024
ALLOWED_SCHEMES = ("https://",)


class ResponseCache:
    def __init__(self, directory, ttl=300, max_entries=1000):
        self.dir = Path(directory)
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.ttl = ttl
        self.max_entries = max_entries

    def _path(self, url):
        return self.dir / (hashlib.sha256(url.encode()).hexdigest() + ".json")

    def get(self, url):
        path = self._path(url)
        try:
            with open(path, encoding="utf-8") as f:
                entry = json.load(f)
        except (OSError, ValueError):
            return None
        if entry.get("url") != url or entry.get("expires", 0) < time.time():
            path.unlink(missing_ok=True)
            return None
        return entry["status"], entry["headers"], entry["body"].encode("latin-1")

    def put(self, url, status, headers, body):
        if len(body) > MAX_ENTRY_BYTES or status != 200:
            return False
        entry = {
            "url": url,
            "expires": time.time() + self.ttl,
            "status": status,
            "headers": {k: v for k, v in headers.items() if k.lower() in ("content-type", "etag", "last-modified")},
            "body": body.decode("latin-1"),
        }
        fd, tmp = tempfile.mkstemp(dir=self.dir, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(entry, f)
            os.replace(tmp, self._path(url))
        except BaseException:
            os.unlink(tmp)
            raise
        self._evict()
        return True

    def _evict(self):
        files = sorted(self.dir.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in files[: max(0, len(files) - self.max_entries)]:
            old.unlink(missing_ok=True)

    def fetch(self, url, timeout=10):
        if not url.startswith(ALLOWED_SCHEMES):
            raise ValueError("only https URLs are cached")
        cached = self.get(url)
        if cached is not None:
            return cached + (True,)
        req = Request(url, headers={"User-Agent": "response-cache/1.0"})
        with urlopen(req, timeout=timeout) as resp:
            body = resp.read(MAX_ENTRY_BYTES + 1)
            headers = dict(resp.headers.items())
            status = resp.status
        self.put(url, status, headers, body)
        return status, headers, body[:MAX_ENTRY_BYTES], False


if __name__ == "__main__":
    import sys

    cache = ResponseCache(os.environ.get("CACHE_DIR", ".http-cache"), ttl=600)
    for arg in sys.argv[1:] or ["https://example.com/"]:
        status, headers, body, hit = cache.fetch(arg)
        print(f"{'HIT ' if hit else 'MISS'} {status} {len(body):>8} bytes  {arg}")
