<?php
function import_invoice($xml)
{
    // ruleid: php-xxe-entity-loading
    $invoice = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NOENT);
    $doc = new DOMDocument();
    // ruleid: php-xxe-entity-loading
    $doc->loadXML($xml, LIBXML_DTDLOAD | LIBXML_NOCDATA);
    // ruleid: php-xxe-entity-loading
    libxml_disable_entity_loader(false);
    // ruleid: php-xxe-entity-loading
    $doc->substituteEntities = true;
    // ok: php-xxe-entity-loading
    $plain = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NOCDATA);
    // ok: php-xxe-entity-loading
    $doc->loadXML($xml);
    // ok: php-xxe-entity-loading
    libxml_disable_entity_loader(true);
    return [$invoice, $plain, $doc];
}
