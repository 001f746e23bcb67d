import xml.sax
from xml.sax.handler import feature_external_ges
from lxml import etree
import defusedxml.ElementTree as SafeTree


def parse_invoice(data):
    # ruleid: python-xxe-entity-resolution
    parser = etree.XMLParser(resolve_entities=True)
    tree = etree.fromstring(data, parser)
    sax = xml.sax.make_parser()
    # ruleid: python-xxe-entity-resolution
    sax.setFeature(feature_external_ges, True)
    # ok: python-xxe-entity-resolution
    strict = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: python-xxe-entity-resolution
    sax.setFeature(feature_external_ges, False)
    # ok: python-xxe-entity-resolution
    safe = SafeTree.fromstring(data)
    return tree, strict, safe
