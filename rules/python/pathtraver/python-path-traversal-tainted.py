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
