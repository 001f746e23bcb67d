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
