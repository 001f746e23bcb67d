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
