import code
from flask import request


def calculate():
    expression = request.args.get("expr")
    # ruleid: python-code-injection-tainted
    result = eval(expression)
    # ruleid: python-code-injection-tainted
    exec("total = " + request.form["amount"], {})
    # ruleid: python-code-injection-tainted
    program = compile(f"print({expression})", "<web>", "exec")
    # ok: python-code-injection-tainted
    doubled = eval(str(int(expression)) + " * 2")
    # ok: python-code-injection-tainted
    eval("1 + 2")
    return result, program, doubled


# A console: running the text it is given is what it is for. Its caller decides where the text comes from.
def run_source(source, namespace):
    # ok: python-code-injection-tainted
    exec(compile(source, "<console>", "exec"), namespace)


def make_accessor(field_name):
    body = "def get(obj):\n    return obj." + field_name + "\n"
    scope = {}
    # ok: python-code-injection-tainted
    exec(body, scope)
    return scope["get"]


# `request` here is a help topic, not an HTTP request, and only three literal names reach eval().
def describe(request):
    if request in ("True", "False", "None"):
        # ok: python-code-injection-tainted
        return repr(eval(request))
    return request


@app.route("/literal")
def literal():
    text = request.args.get("text", "")
    if not text.startswith("'") or not text.endswith("'") or "'" in text[1:-1]:
        return "a plain string literal, please"
    # ok: python-code-injection-tainted
    return eval(text)


@app.route("/literal-half-checked")
def literal_half_checked():
    text = request.args.get("text", "")
    if not text.startswith("'"):
        return "a plain string literal, please"
    # ruleid: python-code-injection-tainted
    return eval(text)


@app.post("/calc")
def calc(expr: str = Form(...), precision: int = Form(2)):
    # ruleid: python-code-injection-tainted
    value = eval(expr)
    # ok: python-code-injection-tainted
    return eval("round(1 / 3, %d)" % precision)


# http.server: what the handler reads from self.path and self.headers is the request's.
from http.server import BaseHTTPRequestHandler


class CalcHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        # ruleid: python-code-injection-tainted
        result = eval(self.headers["X-Expression"])
        # ok: python-code-injection-tainted
        total = eval("1 + 2")
        self.wfile.write(str((result, total)).encode())
