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
