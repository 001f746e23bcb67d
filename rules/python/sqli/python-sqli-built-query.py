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


def table_info(cursor, table_name):
    # A quoted identifier whose quotes are doubled cannot be left (sqlite3's own dump does this).
    ident = table_name.replace('"', '""')
    # ok: python-sqli-built-query
    cursor.execute('PRAGMA table_info("{0}")'.format(ident))
    # ruleid: python-sqli-built-query
    cursor.execute('PRAGMA table_info("{0}")'.format(table_name))


def select_columns(cursor, table_name, columns):
    quoted = ",".join('"{0}"'.format(column.replace('"', '""')) for column in columns)
    # ok: python-sqli-built-query
    cursor.execute('SELECT {0} FROM "{1}"'.format(quoted, table_name.replace('"', '""')))
    bare = ",".join(column for column in columns)
    # ruleid: python-sqli-built-query
    cursor.execute('SELECT {0} FROM "{1}"'.format(bare, table_name.replace('"', '""')))


TABLE = "users"


# A query written as adjacent literals over several lines: one f-string piece builds the whole text.
def find_orders(cursor, customer, status):
    # ruleid: python-sqli-built-query
    cursor.execute("SELECT id, total FROM orders "
                   f"WHERE customer = '{customer}' "
                   "ORDER BY id")
    # ok: python-sqli-built-query
    cursor.execute("SELECT id, total FROM orders "
                   "WHERE customer = ? AND status = ?",
                   (customer, status))
