# A notes web service on sqlite3: JSON API to create, search and delete notes, plus an HTML page listing them.
import html
import json
import sqlite3
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DB_PATH = "notes.db"
MAX_BODY = 64 * 1024
MAX_TITLE = 200

_local = threading.local()


def db():
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(DB_PATH)
        conn.row_factory = sqlite3.Row
        _local.conn = conn
    return conn


def init_db():
    with sqlite3.connect(DB_PATH) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS notes ("
            "id INTEGER PRIMARY KEY, owner TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, "
            "created TEXT DEFAULT CURRENT_TIMESTAMP)"
        )


def search_notes(owner, term, limit):
    rows = db().execute(
        "SELECT id, title, body, created FROM notes WHERE owner = ? AND (title LIKE ? OR body LIKE ?) "
        "ORDER BY created DESC LIMIT ?",
        (owner, f"%{term}%", f"%{term}%", limit),
    ).fetchall()
    return [dict(r) for r in rows]


class NotesHandler(BaseHTTPRequestHandler):
    def _send(self, status, payload, content_type="application/json"):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _owner(self):
        owner = self.headers.get("X-User", "")
        return owner if owner.isalnum() and len(owner) <= 32 else None

    def do_GET(self):
        url = urlsplit(self.path)
        owner = self._owner()
        if owner is None:
            self._send(401, {"error": "missing user"})
            return
        params = parse_qs(url.query)
        term = params.get("q", [""])[0][:100]
        try:
            limit = max(1, min(100, int(params.get("limit", ["20"])[0])))
        except ValueError:
            limit = 20
        notes = search_notes(owner, term, limit)
        if url.path == "/notes":
            self._send(200, notes)
        elif url.path == "/":
            items = "".join(
                f"<li><b>{html.escape(n['title'])}</b> <small>{html.escape(n['created'])}</small>"
                f"<p>{html.escape(n['body'])}</p></li>"
                for n in notes
            )
            page = f"<!doctype html><h1>Notes for {html.escape(owner)}</h1><ul>{items}</ul>"
            self._send(200, page.encode(), "text/html")
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self):
        owner = self._owner()
        if owner is None or urlsplit(self.path).path != "/notes":
            self._send(404, {"error": "not found"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > MAX_BODY:
            self._send(413, {"error": "body missing or too large"})
            return
        try:
            data = json.loads(self.rfile.read(length))
            title, body = str(data["title"]).strip(), str(data.get("body", ""))
        except (ValueError, KeyError, TypeError):
            self._send(400, {"error": "expected JSON with a title"})
            return
        if not title or len(title) > MAX_TITLE:
            self._send(400, {"error": "title must be 1-200 characters"})
            return
        with db() as conn:
            cur = conn.execute("INSERT INTO notes (owner, title, body) VALUES (?, ?, ?)", (owner, title, body))
        self._send(201, {"id": cur.lastrowid})

    def do_DELETE(self):
        owner = self._owner()
        parts = urlsplit(self.path).path.strip("/").split("/")
        if owner is None or len(parts) != 2 or parts[0] != "notes" or not parts[1].isdigit():
            self._send(404, {"error": "not found"})
            return
        with db() as conn:
            cur = conn.execute("DELETE FROM notes WHERE id = ? AND owner = ?", (int(parts[1]), owner))
        self._send(200 if cur.rowcount else 404, {"deleted": cur.rowcount})


if __name__ == "__main__":
    init_db()
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    ThreadingHTTPServer(("127.0.0.1", port), NotesHandler).serve_forever()
