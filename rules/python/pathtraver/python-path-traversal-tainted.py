import os
from flask import request, send_file


def download():
    name = request.args.get("file")
    path = os.path.join("/srv/uploads", name)
    # ruleid: python-path-traversal-tainted
    return send_file(path)


def read():
    name = request.args.get("file")
    # ruleid: python-path-traversal-tainted
    with open("/srv/uploads/" + name) as handle:
        data = handle.read()
    # ok: python-path-traversal-tainted
    with open("/srv/uploads/" + os.path.basename(name)) as handle:
        data += handle.read()
    # ok: python-path-traversal-tainted
    with open("/etc/app/config.ini") as handle:
        data += handle.read()
    return data


def fetch():
    name = request.args.get("file")
    if name is None or ".." in name:
        return "bad name", 400
    # ok: python-path-traversal-tainted
    with open("/srv/uploads/" + name) as handle:
        return handle.read()


def fetch_checked_late():
    name = request.args.get("file")
    # ruleid: python-path-traversal-tainted
    handle = open("/srv/uploads/" + name)
    if ".." in name and len(name) > 200:
        return "bad name", 400
    # ruleid: python-path-traversal-tainted
    return handle.read() + open("/srv/archive/" + name).read()


def fetch_resolved():
    path = os.path.realpath(os.path.join("/srv/uploads", request.args.get("file")))
    if not path.startswith("/srv/uploads/"):
        return "bad name", 400
    # ok: python-path-traversal-tainted
    return send_file(path)


@app.route("/files/<path:name>")
def files(name):
    # ruleid: python-path-traversal-tainted
    return send_file("/srv/files/" + name)


@app.route("/docs/<lang>/<page>")
def docs(lang, page):
    # ok: python-path-traversal-tainted
    send_from_directory("/srv/docs", page)
    # ruleid: python-path-traversal-tainted
    return send_from_directory("/srv/docs/" + lang, page)


@router.get("/reports/{name}")
def report(name: str):
    # ruleid: python-path-traversal-tainted
    return FileResponse("/srv/reports/" + name)


@router.get("/reports/by-id/{report_id}")
def report_by_id(report_id: int):
    # ok: python-path-traversal-tainted
    return FileResponse("/srv/reports/%d.pdf" % report_id)


# http.server: the handler's self.path is the request's; a prefix check on the raw URL path confines nothing.
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

SHARE = Path("/srv/share")


class ShareHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        route = urlsplit(self.path).path
        if not route.startswith("/share/"):
            return self.send_error(404)
        target = SHARE / unquote(route[len("/share/"):])
        # ruleid: python-path-traversal-tainted
        with open(target, "rb") as body:
            self.wfile.write(body.read())
        resolved = os.path.realpath(os.path.join("/srv/share", unquote(route[len("/share/"):])))
        if not resolved.startswith("/srv/share/"):
            return self.send_error(403)
        # ok: python-path-traversal-tainted
        with open(resolved, "rb") as body:
            self.wfile.write(body.read())


class NotAHandler:
    def __init__(self, path):
        self.path = path

    def read(self):
        # ok: python-path-traversal-tainted
        return open(self.path).read()


def upload_target(raw):
    name = unquote(raw)
    # ok: python-path-traversal-tainted
    if Path(name).suffix.lower() not in {".txt", ".csv"}:
        return None
    target = (SHARE / name).resolve()
    if target.parent != SHARE:
        return None
    return target


class StoreHandler(BaseHTTPRequestHandler):
    def do_PUT(self):
        data = self.rfile.read(int(self.headers["Content-Length"]))
        target = upload_target(self.path)
        # ok: python-path-traversal-tainted
        with open(target, "wb") as out:
            out.write(data)
        other = (SHARE / unquote(self.path)).resolve()
        if not other.is_relative_to(SHARE):
            return
        # ok: python-path-traversal-tainted
        os.remove(other)
        unchecked = SHARE / unquote(self.path)
        if not str(unchecked).startswith(str(SHARE)):
            return
        # ruleid: python-path-traversal-tainted
        os.remove(unchecked)
