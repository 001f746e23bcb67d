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


@app.route("/u/<name>")
def profile(name):
    # ruleid: python-xss-tainted-response
    return "<h1>" + name + "</h1>"


@app.route("/n/<int:number>")
def number_page(number):
    # ok: python-xss-tainted-response
    return "<h1>%d</h1>" % number


@app.route("/banner")
def banner():
    text = request.args.get("text", "")
    # ruleid: python-xss-tainted-response
    return render_template("banner.html", text=Markup(text))


# Django: HttpResponse is text/html unless another content type is given; mark_safe turns off escaping.
def django_greet(request):
    name = request.GET.get("name", "")
    # ruleid: python-xss-tainted-response
    HttpResponse("<p>Hello " + name + "</p>")
    # ok: python-xss-tainted-response
    HttpResponse(json.dumps({"name": name}), content_type="application/json")
    # ruleid: python-xss-tainted-response
    context = {"bio": mark_safe(request.POST["bio"])}
    # ok: python-xss-tainted-response
    return HttpResponse("<p>Hello " + escape(name) + "</p>")


# FastAPI: a returned string becomes JSON, an HTMLResponse is HTML.
api = FastAPI()


@api.get("/hello/{name}")
def fastapi_hello(name: str, count: int = 1):
    # ok: python-xss-tainted-response
    HTMLResponse("<p>%d visits</p>" % count)
    # ok: python-xss-tainted-response
    return "Hello " + name


@api.get("/page/{title}")
def fastapi_page(title: str):
    # ruleid: python-xss-tainted-response
    return HTMLResponse(content="<h1>" + title + "</h1>")


bp = Blueprint("pages", __name__)


@bp.get("/p/<slug>")
def blueprint_page(slug):
    # ruleid: python-xss-tainted-response
    return "<h1>" + slug + "</h1>"
