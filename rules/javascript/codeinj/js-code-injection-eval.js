const vm = require('vm');

function calculate(req, res) {
  const expr = req.body.expression;
  // ruleid: js-code-injection-eval
  const value = eval(expr);
  // ruleid: js-code-injection-eval
  const fn = new Function('a', 'return a * ' + req.query.factor);
  // ruleid: js-code-injection-eval
  setTimeout('refresh(' + req.query.id + ')', 100);
  // ruleid: js-code-injection-eval
  vm.runInNewContext(expr, {});
  // ok: js-code-injection-eval
  setTimeout(() => refresh(req.query.id), 100);
  // ok: js-code-injection-eval
  const parsed = JSON.parse(expr);
  // ok: js-code-injection-eval
  setInterval(poll, 1000);
  res.json({ value, fn, parsed });
}

// A code generator compiles the source it builds from its own parameters: whether a caller passes
// untrusted text cannot be told here, so this is reported at low confidence.
function compileAccessor(fieldName) {
  // ruleid: js-code-injection-eval
  return new Function('obj', 'return obj[' + JSON.stringify(fieldName) + '];');
}
