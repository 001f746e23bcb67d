import random
import secrets
import string


def new_session():
    # ruleid: python-insecure-random-secret
    session_id = random.getrandbits(128)
    # ruleid: python-insecure-random-secret
    reset_code = "".join(random.choice(string.digits) for _ in range(6))
    # ok: python-insecure-random-secret
    token = secrets.token_urlsafe(32)
    # ok: python-insecure-random-secret
    delay = random.uniform(0.1, 0.5)
    return session_id, reset_code, token, delay


def make_api_token():
    # ruleid: python-insecure-random-secret
    return "%032x" % random.getrandbits(128)


def pick_colour():
    # ok: python-insecure-random-secret
    return random.choice(["red", "green", "blue"])
