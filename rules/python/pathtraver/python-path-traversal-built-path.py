import os
from flask import request, send_file, send_from_directory

BASE = "/srv/uploads/"


def download():
    name = request.args.get("file")
    # ruleid: python-path-traversal-built-path
    return send_file("/srv/uploads/" + name)


def read_report(name):
    # ruleid: python-path-traversal-built-path
    with open(f"/var/reports/{name}.txt") as handle:
        data = handle.read()
    path = os.path.join(BASE, name)
    # ruleid: python-path-traversal-built-path
    os.remove(BASE + name)
    # ok: python-path-traversal-built-path
    with open("/etc/app/config.ini") as config:
        config.read()
    # ok: python-path-traversal-built-path
    return send_from_directory(BASE, os.path.basename(name)), data, path


def read_checked(name):
    if ".." in name:
        raise ValueError("bad name")
    # ok: python-path-traversal-built-path
    with open(f"/var/reports/{name}.txt") as handle:
        return handle.read()
