from flask import request
from lxml import etree


def find_user(tree):
    uid = request.args.get("id")
    query = "//user[@id='" + uid + "']"
    # ruleid: python-xpath-injection-tainted
    found = tree.xpath(query)
    # ok: python-xpath-injection-tainted
    same = tree.xpath("//user[@id=$id]", id=uid)
    return found, same


def lookup_compiled(tree):
    import lxml.etree
    name = request.args.get("name")
    # ruleid: python-xpath-injection-tainted
    finder = lxml.etree.XPath(f"//user[@name='{name}']")
    # ok: python-xpath-injection-tainted
    fixed = lxml.etree.XPath("//user[@name=$name]")
    return finder(tree), fixed(tree, name=name)


@router.get("/users/{name}")
def user_xml(name: str, index: int):
    # ruleid: python-xpath-injection-tainted
    tree.xpath("//user[@name='" + name + "']")
    # ok: python-xpath-injection-tainted
    return tree.xpath("//user[%d]" % index)


# http.server: what the handler reads from self.path is the request's.
from http.server import BaseHTTPRequestHandler


class UserHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        tree = etree.parse("users.xml")
        name = self.path.lstrip("/")
        # ruleid: python-xpath-injection-tainted
        tree.xpath("//user[@name='" + name + "']")
        # ok: python-xpath-injection-tainted
        tree.xpath("//user[@name=$name]", name=name)
