import ldap
from ldap.filter import escape_filter_chars
from flask import request


def lookup(conn):
    user = request.args.get("user")
    search_filter = "(&(objectClass=person)(uid=" + user + "))"
    # ruleid: python-ldap-injection-tainted
    found = conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, search_filter)
    # ok: python-ldap-injection-tainted
    safe = conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(user) + ")")
    return found, safe


@app.route("/people/<uid>")
def person(uid):
    # ruleid: python-ldap-injection-tainted
    conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
    # ok: python-ldap-injection-tainted
    conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(uid) + ")")


# http.server: what the handler reads from self.path is the request's.
from http.server import BaseHTTPRequestHandler


class LookupHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        conn = ldap.initialize("ldap://directory")
        uid = self.path.rsplit("/", 1)[-1]
        # ruleid: python-ldap-injection-tainted
        conn.search_s("ou=people,dc=example", ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
        # ok: python-ldap-injection-tainted
        conn.search_s("ou=people,dc=example", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(uid) + ")")
