from flask import Flask, request, make_response, render_template
from markupsafe import escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: python-xss-tainted-response
    return "<h1>Hello " + name + "</h1>"


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    body = "<p>Welcome " + name + "</p>"
    # ruleid: python-xss-tainted-response
    resp = make_response(body)
    # ok: python-xss-tainted-response
    safe = make_response("<p>Welcome " + escape(name) + "</p>")
    # ok: python-xss-tainted-response
    return render_template("greet.html", name=name)


@app.route("/search")
def search():
    term = request.args.get("q", "")
    page = ""
    page += f"<h2>Results for {term}</h2>"
    # ruleid: python-xss-tainted-response
    return page


@app.route("/api/search")
def api_search():
    term = request.args.get("q", "")
    # ok: python-xss-tainted-response
    return {"query": term}


@app.route("/tagged")
def tagged():
    tag = request.args.get("tag", "")
    # ok: python-xss-tainted-response
    return make_response(("<p>Tagged</p>", {"X-Tag": tag}))
