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


# Flask route parameters: <name> is request text; an <int:…> converter makes the route's parameters numbers.
@app.route("/users/<name>")
def user_by_name(name):
    db = sqlite3.connect("app.db")
    # ruleid: python-sqli-tainted-query
    return db.execute("SELECT * FROM users WHERE name = '%s'" % name).fetchall()


@app.route("/users/<int:user_id>")
def user_by_id(user_id):
    db = sqlite3.connect("app.db")
    # ok: python-sqli-tainted-query
    return db.execute("SELECT * FROM users WHERE id = %d" % user_id).fetchall()


# FastAPI: path and query parameters; a typed number or UUID cannot carry SQL, Depends() is not request text.
@router.get("/items/{item_id}")
def read_item(item_id: int, q: str = Query(None), owner: UUID = None, db: Session = Depends(get_db)):
    # ok: python-sqli-tainted-query
    db.execute(text("SELECT * FROM items WHERE id = %d" % item_id))
    # ok: python-sqli-tainted-query
    db.execute(text("SELECT * FROM items WHERE owner = '%s'" % owner))
    # ok: python-sqli-tainted-query
    db.execute(text("SELECT * FROM items WHERE name = :q"), {"q": q})
    # ruleid: python-sqli-tainted-query
    return db.execute(text("SELECT * FROM items WHERE name = '" + q + "'"))


@app.post("/search")
async def search_items(term, session: AsyncSession = Depends(get_session)):
    # ruleid: python-sqli-tainted-query
    return await session.execute("SELECT * FROM items WHERE name LIKE '%" + term + "%'")


# Django: raw SQL on a manager, RawSQL and QuerySet.extra().
def django_view(request):
    name = request.GET.get("name", "")
    # ruleid: python-sqli-tainted-query
    User.objects.raw("SELECT * FROM auth_user WHERE username = '%s'" % name)
    # ok: python-sqli-tainted-query
    User.objects.raw("SELECT * FROM auth_user WHERE username = %s", [name])
    # ruleid: python-sqli-tainted-query
    User.objects.annotate(v=RawSQL("SELECT '" + name + "'", []))
    # ruleid: python-sqli-tainted-query
    User.objects.extra(where=["username = '%s'" % name])
    # ok: python-sqli-tainted-query
    User.objects.extra(where=["username = %s"], params=[name])
    with connection.cursor() as cursor:
        # ruleid: python-sqli-tainted-query
        cursor.execute("DELETE FROM sessions WHERE key = '" + request.COOKIES["k"] + "'")


# http.server: what the handler reads from self.path is the request's.
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit


class NotesHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        owner = parse_qs(urlsplit(self.path).query).get("owner", [""])[0]
        db = sqlite3.connect("notes.db")
        # ruleid: python-sqli-tainted-query
        db.execute(f"SELECT title FROM notes WHERE owner = '{owner}'")
        # ok: python-sqli-tainted-query
        db.execute("SELECT title FROM notes WHERE owner = ?", (owner,))
