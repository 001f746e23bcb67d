import sqlite3
from sqlalchemy import text


def find_user(conn, name):
    cursor = conn.cursor()
    # ruleid: python-sqli-built-query
    cursor.execute("SELECT * FROM users WHERE name = '" + name + "'")
    # ruleid: python-sqli-built-query
    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
    # ruleid: python-sqli-built-query
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
    # ruleid: python-sqli-built-query
    cursor.execute("SELECT * FROM users WHERE name = '{}'".format(name))
    query = "DELETE FROM sessions WHERE user = '" + name + "'"
    # ruleid: python-sqli-built-query
    cursor.execute(query)
    # ruleid: python-sqli-built-query
    conn.execute(text("SELECT * FROM orders WHERE owner = '%s'" % name))
    # ok: python-sqli-built-query
    cursor.execute("SELECT * FROM users WHERE name = ?", (name,))
    # ok: python-sqli-built-query
    cursor.execute("SELECT * FROM users WHERE name = %(name)s", {"name": name})
    table = "users"
    fixed = "SELECT count(*) FROM " + table
    # ok: python-sqli-built-query
    cursor.execute(fixed)
    # ok: python-sqli-built-query
    cursor.execute(f"SELECT * FROM {TABLE}")
    return cursor.fetchall()


TABLE = "users"
