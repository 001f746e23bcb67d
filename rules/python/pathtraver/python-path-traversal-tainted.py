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
