from flask import request, session


def remember():
    theme = request.args.get("theme")
    # ruleid: python-trust-boundary-tainted
    session["theme"] = theme
    # ok: python-trust-boundary-tainted
    session["visited"] = True
    # ok: python-trust-boundary-tainted
    session["page"] = int(request.args.get("page", "1"))


def save_preference(request):
    name = request.POST.get("name")
    # ruleid: python-trust-boundary-tainted
    request.session[name] = "on"
    label = "default"
    if "fixed" in "fixed-labels":
        label = "standard"
    # ok: python-trust-boundary-tainted
    request.session[label] = "on"


@app.route("/lang/<code>")
def set_language(code):
    # ruleid: python-trust-boundary-tainted
    session["lang"] = code


@app.route("/page/<int:number>")
def set_page(number):
    # ok: python-trust-boundary-tainted
    session["page"] = number
