const libxmljs = require('libxmljs');

function importInvoice(xml) {
  // ruleid: js-xxe-entity-expansion
  const doc = libxmljs.parseXml(xml, { noent: true });
  // ok: js-xxe-entity-expansion
  const safe = libxmljs.parseXml(xml, { noent: false });
  // ok: js-xxe-entity-expansion
  const plain = libxmljs.parseXml(xml);
  return [doc, safe, plain];
}
