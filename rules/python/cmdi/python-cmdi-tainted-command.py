import os
import shlex
import subprocess
from flask import request


def ping():
    host = request.args.get("host")
    command = "ping -c 1 " + host
    # ruleid: python-cmdi-tainted-command
    os.system(command)
    # ruleid: python-cmdi-tainted-command
    subprocess.run(f"nslookup {host}", shell=True)
    # ok: python-cmdi-tainted-command
    subprocess.run(["ping", "-c", "1", host])
    # ok: python-cmdi-tainted-command
    os.system("ping -c 1 " + shlex.quote(host))
    # ok: python-cmdi-tainted-command
    os.system("uptime")


def echo():
    words = request.form.get("words")
    argv = ["sh"]
    argv.append("-c")
    argv.append(f"echo {words}")
    # ruleid: python-cmdi-tainted-command
    subprocess.run(argv, capture_output=True)


def echo_plain():
    words = request.form.get("words")
    # ok: python-cmdi-tainted-command
    subprocess.run(["echo", words])


@app.route("/ping/<host>")
def ping_route(host):
    # ruleid: python-cmdi-tainted-command
    os.system("ping -c 1 " + host)


@app.get("/count/{n}")
def ping_count(n: int):
    # ok: python-cmdi-tainted-command
    os.system("ping -c %d localhost" % n)


# http.server: what the handler reads from self.path and self.headers is the request's.
from http.server import BaseHTTPRequestHandler


class PingHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        host = self.headers.get("X-Host", "localhost")
        # ruleid: python-cmdi-tainted-command
        os.system("ping -c 1 " + host)
        # ok: python-cmdi-tainted-command
        subprocess.run(["ping", "-c", "1", host], check=False)


class Job:
    def __init__(self, path):
        self.path = path

    def run(self):
        # ok: python-cmdi-tainted-command
        os.system("ls " + self.path)
