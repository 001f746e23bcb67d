from flask import make_response


def login(user):
    response = make_response("ok")
    # ruleid: python-insecure-cookie
    response.set_cookie("session", user.session_id)
    # ruleid: python-insecure-cookie
    response.set_cookie("remember", user.token, secure=False, httponly=True)
    # ok: python-insecure-cookie
    response.set_cookie("session", user.session_id, secure=True, httponly=True, samesite="Lax")
    return response


# ruleid: python-insecure-cookie
SESSION_COOKIE_SECURE = False
# ok: python-insecure-cookie
CSRF_COOKIE_SECURE = True
