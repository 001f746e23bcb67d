import base64
import json
import pickle
import socket

import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/restore", methods=["POST"])
def restore():
    blob = base64.b64decode(request.form["state"])
    # ruleid: python-deserialization-tainted
    state = pickle.loads(blob)
    # ruleid: python-deserialization-tainted
    config = yaml.load(request.get_data())
    # ok: python-deserialization-tainted
    settings = yaml.safe_load(request.get_data())
    # ok: python-deserialization-tainted
    payload = json.loads(request.get_data())
    # ok: python-deserialization-tainted
    cached = pickle.loads(pickle.dumps({"a": 1}))
    return str((state, config, settings, payload, cached))


def serve(sock: socket.socket):
    data = sock.recv(4096)
    # ruleid: python-deserialization-tainted
    return pickle.loads(data)


def load_cache(path):
    # Data of unknown origin is python-unsafe-deserialization's (low confidence), not this rule's.
    with open(path, "rb") as f:
        # ok: python-deserialization-tainted
        return pickle.load(f)


@app.post("/import/<name>")
def import_state(name: str, version: int):
    # ruleid: python-deserialization-tainted
    return pickle.loads(base64.b64decode(name)), version


# http.server: the body read from self.rfile is the request's.
from http.server import BaseHTTPRequestHandler


class StateHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        # ruleid: python-deserialization-tainted
        state = pickle.loads(body)
        # ok: python-deserialization-tainted
        data = json.loads(body)
        self.wfile.write(repr((state, data)).encode())
