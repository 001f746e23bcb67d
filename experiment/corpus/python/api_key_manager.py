# Manages API keys in a sqlite database: create (shown once), list, revoke, and verify a presented key.
import argparse
import hashlib
import hmac
import secrets
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

PREFIX = "ak_"
SCOPES = {"read", "write", "admin"}


def connect(path):
    conn = sqlite3.connect(path)
    conn.execute(
        """CREATE TABLE IF NOT EXISTS api_keys (
               id TEXT PRIMARY KEY,
               owner TEXT NOT NULL,
               scope TEXT NOT NULL,
               digest TEXT NOT NULL,
               expires TEXT,
               revoked INTEGER NOT NULL DEFAULT 0)"""
    )
    return conn


def digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(conn, owner, scope, days):
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {sorted(SCOPES)}")
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    expires = None
    if days:
        expires = (datetime.now(timezone.utc) + timedelta(days=days)).isoformat()
    with conn:
        conn.execute(
            "INSERT INTO api_keys (id, owner, scope, digest, expires) VALUES (?, ?, ?, ?, ?)",
            (key_id, owner, scope, digest(secret), expires),
        )
    return f"{PREFIX}{key_id}.{secret}"


def verify_key(conn, presented, needed_scope):
    if not presented.startswith(PREFIX) or "." not in presented or len(presented) > 200:
        return None
    key_id, secret = presented[len(PREFIX):].split(".", 1)
    row = conn.execute(
        "SELECT owner, scope, digest, expires, revoked FROM api_keys WHERE id = ?", (key_id,)
    ).fetchone()
    if row is None:
        return None
    owner, scope, stored, expires, revoked = row
    if revoked or not hmac.compare_digest(stored, digest(secret)):
        return None
    if expires and datetime.fromisoformat(expires) < datetime.now(timezone.utc):
        return None
    if needed_scope != scope and scope != "admin" and not (needed_scope == "read" and scope == "write"):
        return None
    return owner


def list_keys(conn, owner=None):
    query = "SELECT id, owner, scope, expires, revoked FROM api_keys"
    params = ()
    if owner:
        query += " WHERE owner = ?"
        params = (owner,)
    return conn.execute(query + " ORDER BY owner, id", params).fetchall()


def revoke_key(conn, key_id):
    with conn:
        return conn.execute("UPDATE api_keys SET revoked = 1 WHERE id = ?", (key_id,)).rowcount


def main(argv=None):
    ap = argparse.ArgumentParser(description="API key administration")
    ap.add_argument("--db", default="api_keys.db")
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("create")
    c.add_argument("owner")
    c.add_argument("--scope", default="read", choices=sorted(SCOPES))
    c.add_argument("--days", type=int, default=90)
    ls = sub.add_parser("list")
    ls.add_argument("--owner")
    r = sub.add_parser("revoke")
    r.add_argument("key_id")
    v = sub.add_parser("verify")
    v.add_argument("--scope", default="read", choices=sorted(SCOPES))
    args = ap.parse_args(argv)

    conn = connect(args.db)
    if args.cmd == "create":
        print(create_key(conn, args.owner, args.scope, args.days))
        print("store this key now; it cannot be shown again", file=sys.stderr)
    elif args.cmd == "list":
        for key_id, owner, scope, expires, revoked in list_keys(conn, args.owner):
            state = "revoked" if revoked else f"expires {expires or 'never'}"
            print(f"{key_id}  {owner:<20} {scope:<6} {state}")
    elif args.cmd == "revoke":
        print("revoked" if revoke_key(conn, args.key_id) else "no such key")
    elif args.cmd == "verify":
        owner = verify_key(conn, sys.stdin.readline().strip(), args.scope)
        print(owner or "invalid key")
        return 0 if owner else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
