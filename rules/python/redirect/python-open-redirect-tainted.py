from flask import redirect, request, url_for


def after_login():
    target = request.args.get("next", "/")
    # ruleid: python-open-redirect-tainted
    return redirect(target)


def home():
    # ok: python-open-redirect-tainted
    return redirect(url_for("index", tab=request.args.get("tab")))


def static_target():
    target = "/dashboard"
    # ok: python-open-redirect-tainted
    return redirect(target)


def legacy():
    import flask
    destination = request.cookies.get("return_to") + "?from=legacy"
    # ruleid: python-open-redirect-tainted
    return flask.redirect(destination)


def checked_host():
    import urllib.parse
    target = request.args.get("next", "/")
    parsed = urllib.parse.urlparse(target)
    if parsed.netloc not in ["example.com", "www.example.com"]:
        return redirect("/")
    # ok: python-open-redirect-tainted
    return redirect(target)


def checked_too_late():
    import urllib.parse
    target = request.args.get("next", "/")
    # ruleid: python-open-redirect-tainted
    response = redirect(target)
    parsed = urllib.parse.urlparse(target)
    if parsed.netloc not in ["example.com"]:
        return redirect("/")
    return response


# Django: the login "next" parameter, checked or not against the allowed hosts.
def django_login_done(request):
    target = request.GET.get("next", "/")
    # ruleid: python-open-redirect-tainted
    return HttpResponseRedirect(target)


def django_login_checked(request):
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("/")
    # ok: python-open-redirect-tainted
    return redirect(target)


# FastAPI: query parameters are the decorated function's parameters.
@router.get("/continue")
def fastapi_continue(to: str, page: int = 1):
    if page > 1:
        # ok: python-open-redirect-tainted
        return RedirectResponse("/list?page=%d" % page)
    # ruleid: python-open-redirect-tainted
    return RedirectResponse(url=to)


@app.route("/out/<path:target>")
def flask_out(target):
    # ruleid: python-open-redirect-tainted
    return redirect(target)


# http.server: what the handler reads from self.path is the request's, and Location sends the browser on.
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit


class LoginHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        target = parse_qs(urlsplit(self.path).query).get("next", ["/"])[0]
        self.send_response(303)
        # ruleid: python-open-redirect-tainted
        self.send_header("Location", target)
        # ok: python-open-redirect-tainted
        self.send_header("Location", "/home")
        # ok: python-open-redirect-tainted
        self.send_header("Content-Type", target)
        self.end_headers()
