from flask import Flask, request, render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)
env = Environment()


@app.route("/hello")
def hello():
    # The request value is the template itself, or only a variable rendered in a constant one.
    name = request.args.get("name", "")
    greeting = "<h1>Hello " + name + "</h1>"
    if request.args.get("safe"):
        # ok: python-ssti-tainted-template
        return render_template_string("<h1>Hello {{ name }}</h1>", name=name)
    # ruleid: python-ssti-tainted-template
    return render_template_string(greeting)


@app.route("/page/<title>")
def page(title):
    # ruleid: python-ssti-tainted-template
    return env.from_string("<title>%s</title>" % title).render()


@app.route("/tpl", methods=["POST"])
def tpl():
    body = request.get_json()
    # ruleid: python-ssti-tainted-template
    return Template(body["template"]).render()


@app.route("/fixed")
def fixed():
    # ok: python-ssti-tainted-template
    return Template("<p>{{ msg }}</p>").render(msg=request.args.get("msg"))


# http.server: what the handler reads from self.path is the request's.
from http.server import BaseHTTPRequestHandler


class PageHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        # ruleid: python-ssti-tainted-template
        page = render_template_string("<h1>" + self.path + "</h1>")
        # ok: python-ssti-tainted-template
        safe = render_template_string("<h1>{{ path }}</h1>", path=self.path)
        self.wfile.write((page + safe).encode())
