from flask import redirect, request, url_for


def login_done():
    # ruleid: python-open-redirect
    return redirect(request.args.get("next"))


def logout():
    # ruleid: python-open-redirect
    return redirect(request.form["return_to"])


def home():
    # ok: python-open-redirect
    return redirect(url_for("index"))


def back():
    # ok: python-open-redirect
    return redirect("/dashboard")
