from flask import Flask, request, render_template, render_template_string, make_response
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: python-xss-unescaped-html
    return make_response("<h1>Hello " + name + "</h1>")


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    # ruleid: python-xss-unescaped-html
    page = render_template_string(f"<p>Welcome {name}</p>")
    # ruleid: python-xss-unescaped-html
    banner = Markup("<b>%s</b>" % name)
    # ok: python-xss-unescaped-html
    safe = Markup("<b>%s</b>") % escape(name)
    # ok: python-xss-unescaped-html
    other = render_template_string("<p>Welcome {{ name }}</p>", name=name)
    # ok: python-xss-unescaped-html
    return render_template("greet.html", name=name), page, banner, safe, other
