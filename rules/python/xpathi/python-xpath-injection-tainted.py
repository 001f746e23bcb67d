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
