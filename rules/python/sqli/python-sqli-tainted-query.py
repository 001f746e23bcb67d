from flask import request
import sqlite3


def search():
    db = sqlite3.connect("app.db")
    name = request.args.get("name")
    query = "SELECT * FROM users WHERE name = '" + name + "'"
    # ruleid: python-sqli-tainted-query
    db.execute(query)
    # ok: python-sqli-tainted-query
    db.execute("SELECT * FROM users WHERE name = ?", (name,))
    limit = int(request.args.get("limit", "10"))
    # ok: python-sqli-tainted-query
    db.execute("SELECT * FROM users LIMIT %d" % limit)
    fields = {}
    fields["a"] = request.form["a"]
    fields["b"] = "static"
    # ok: python-sqli-tainted-query
    db.execute("SELECT " + fields["b"] + " FROM users")
    # ruleid: python-sqli-tainted-query
    db.execute("SELECT " + fields["a"] + " FROM users")
    name = "guest"
    # ok: python-sqli-tainted-query
    db.execute("SELECT * FROM users WHERE name = '%s'" % name)
    parts = []
    parts.append(request.cookies.get("sort"))
    # ruleid: python-sqli-tainted-query
    db.execute("SELECT * FROM users ORDER BY " + parts[0])


def lookup_wrapped(db, wrap):
    wrapped = wrap(request)
    # ruleid: python-sqli-tainted-query
    db.execute("SELECT * FROM users WHERE name = '" + wrapped.get("name") + "'")


def handle_client(db, conn):
    name = conn.recv(1024).decode().strip()
    # ruleid: python-sqli-tainted-query
    db.execute("SELECT * FROM users WHERE name = '%s'" % name)
