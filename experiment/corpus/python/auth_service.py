# User accounts with scrypt password hashes, login with rate limiting, and HMAC-signed expiring session tokens.
import base64
import getpass
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import sys
import time

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
TOKEN_TTL = 3600
MAX_ATTEMPTS = 5
ATTEMPT_WINDOW = 900


class AuthError(Exception):
    pass


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class AuthService:
    def __init__(self, db_path, signing_key):
        if len(signing_key) < 32:
            raise ValueError("signing key must be at least 32 bytes")
        self.key = signing_key
        self.db = sqlite3.connect(db_path)
        self.db.execute("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, salt BLOB, hash BLOB)")
        self.attempts = {}

    @staticmethod
    def _hash(password, salt):
        return hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)

    def register(self, name, password):
        if not (3 <= len(name) <= 32 and name.isidentifier()):
            raise AuthError("invalid user name")
        if len(password) < 12:
            raise AuthError("password too short")
        salt = os.urandom(16)
        try:
            with self.db:
                self.db.execute("INSERT INTO users VALUES (?, ?, ?)", (name, salt, self._hash(password, salt)))
        except sqlite3.IntegrityError:
            raise AuthError("user exists") from None

    def _throttled(self, name):
        now = time.monotonic()
        recent = [t for t in self.attempts.get(name, []) if now - t < ATTEMPT_WINDOW]
        self.attempts[name] = recent
        return len(recent) >= MAX_ATTEMPTS

    def login(self, name, password):
        if self._throttled(name):
            raise AuthError("too many attempts, try later")
        row = self.db.execute("SELECT salt, hash FROM users WHERE name = ?", (name,)).fetchone()
        salt, expected = row if row else (os.urandom(16), b"\0" * 32)
        actual = self._hash(password, salt)
        if row is None or not hmac.compare_digest(actual, expected):
            self.attempts.setdefault(name, []).append(time.monotonic())
            raise AuthError("invalid user name or password")
        self.attempts.pop(name, None)
        return self.issue_token(name)

    def issue_token(self, name):
        claims = {"sub": name, "exp": int(time.time()) + TOKEN_TTL, "jti": secrets.token_hex(8)}
        body = _b64(json.dumps(claims, separators=(",", ":")).encode())
        sig = _b64(hmac.new(self.key, body.encode(), hashlib.sha256).digest())
        return f"{body}.{sig}"

    def verify_token(self, token):
        try:
            body, sig = token.split(".", 1)
        except ValueError:
            raise AuthError("malformed token") from None
        expected = _b64(hmac.new(self.key, body.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(sig, expected):
            raise AuthError("bad signature")
        claims = json.loads(_unb64(body))
        if claims.get("exp", 0) < time.time():
            raise AuthError("token expired")
        return claims["sub"]


def main(argv):
    if len(argv) != 3 or argv[1] not in ("register", "login", "verify"):
        print("usage: auth_service.py register|login USER  |  verify TOKEN", file=sys.stderr)
        return 2
    key = os.environ.get("AUTH_SIGNING_KEY", "").encode()
    auth = AuthService(os.environ.get("AUTH_DB", "auth.db"), key)
    try:
        if argv[1] == "verify":
            print(auth.verify_token(argv[2]))
        elif argv[1] == "register":
            auth.register(argv[2], getpass.getpass("new password: "))
            print("registered", argv[2])
        else:
            print(auth.login(argv[2], getpass.getpass("password: ")))
    except (AuthError, ValueError) as e:
        print("error:", e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
