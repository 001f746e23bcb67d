const express = require('express');
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
