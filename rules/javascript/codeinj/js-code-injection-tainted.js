const express = require('express');
const vm = require('vm');
const app = express();

app.post('/calc', (req, res) => {
  const expr = req.body.expr;
  // ruleid: js-code-injection-tainted
  const result = eval('(' + expr + ')');
  // ruleid: js-code-injection-tainted
  const fn = new Function('x', req.body.code);
  // ok: js-code-injection-tainted
  const data = JSON.parse(req.body.json);
  // ok: js-code-injection-tainted
  setTimeout(() => res.json({ result, data, fn }), 10);
});

// A REPL evaluates the text it is given by design; where that text comes from is its callers' concern.
function evaluateInRepl(source, context) {
  // ok: js-code-injection-tainted
  return vm.runInNewContext(source, context);
}

function compileAccessor(fieldName) {
  // ok: js-code-injection-tainted
  return new Function('obj', 'return obj[' + JSON.stringify(fieldName) + '];');
}
