import random
import secrets
from flask import make_response, session


def remember(user):
    value = str(random.random())[2:]
    # ruleid: python-insecure-random-token
    session["remember_me"] = value
    response = make_response("ok")
    # ruleid: python-insecure-random-token
    response.set_cookie("remember_me", value)
    strong = secrets.token_urlsafe(32)
    # ok: python-insecure-random-token
    response.set_cookie("remember_me", strong)
    # ok: python-insecure-random-token
    session["theme"] = "light"
    return response


def django_login(request):
    # ruleid: python-insecure-random-token
    request.session["csrf_seed"] = random.getrandbits(64)
    # ok: python-insecure-random-token
    request.session["csrf_seed"] = secrets.randbits(64)
    # ok: python-insecure-random-token
    request.session["csrf_seed"] = random.SystemRandom().getrandbits(64)
    # ok: python-insecure-random-token
    request.preferences["shuffle_seed"] = random.getrandbits(64)
