# A small HTTP server that accepts file uploads (PUT /upload/<name>) into an uploads folder and lists them.
import html
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

UPLOAD_DIR = Path(os.environ.get("UPLOAD_DIR", "uploads")).resolve()
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_SUFFIXES = {".txt", ".csv", ".json", ".png", ".jpg", ".pdf"}
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def safe_target(raw_name):
    name = unquote(raw_name)
    if not NAME_PATTERN.match(name) or Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
        return None
    target = (UPLOAD_DIR / name).resolve()
    if target.parent != UPLOAD_DIR:
        return None
    return target


class UploadHandler(BaseHTTPRequestHandler):
    server_version = "UploadServer/1.0"

    def _reply(self, status, body, content_type="text/plain; charset=utf-8"):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if urlsplit(self.path).path != "/":
            self._reply(404, "not found\n")
            return
        items = []
        for entry in sorted(UPLOAD_DIR.iterdir()):
            if entry.is_file():
                items.append(f"<li>{html.escape(entry.name)} ({entry.stat().st_size} bytes)</li>")
        page = "<!doctype html><title>Uploads</title><h1>Uploads</h1><ul>" + "".join(items) + "</ul>"
        self._reply(200, page, "text/html; charset=utf-8")

    def do_PUT(self):
        path = urlsplit(self.path).path
        if not path.startswith("/upload/"):
            self._reply(404, "not found\n")
            return
        target = safe_target(path[len("/upload/"):])
        if target is None:
            self._reply(400, "invalid file name\n")
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._reply(411, "length required\n")
            return
        if length < 0 or length > MAX_UPLOAD_BYTES:
            self._reply(413, "file too large\n")
            return

        tmp = target.with_name(f".{target.name}.part")
        remaining = length
        try:
            with open(tmp, "xb") as out:
                while remaining > 0:
                    chunk = self.rfile.read(min(65536, remaining))
                    if not chunk:
                        raise ConnectionError("client closed early")
                    out.write(chunk)
                    remaining -= len(chunk)
            os.chmod(tmp, 0o640)
            os.replace(tmp, target)
        except FileExistsError:
            self._reply(409, "upload already in progress\n")
            return
        except (OSError, ConnectionError):
            tmp.unlink(missing_ok=True)
            self._reply(500, "upload failed\n")
            return
        self._reply(201, f"stored {target.name}\n")

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))


def main():
    UPLOAD_DIR.mkdir(mode=0o750, parents=True, exist_ok=True)
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    server = ThreadingHTTPServer(("127.0.0.1", port), UploadHandler)
    print(f"accepting uploads into {UPLOAD_DIR} on http://127.0.0.1:{port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
