const express = require('express');
const escapeHtml = require('escape-html');
const app = express();

app.get('/hello', (req, res) => {
  const name = req.query.name;
  // ruleid: js-xss-tainted-response
  res.send('<h1>Hello ' + name + '</h1>');
  const parts = ['<ul>'];
  parts.push(`<li>${req.headers['user-agent']}</li>`);
  // ruleid: js-xss-tainted-response
  res.write(parts.join(''));
  // ok: js-xss-tainted-response
  res.send('<h1>Hello ' + escapeHtml(name) + '</h1>');
  // ok: js-xss-tainted-response
  res.send('<h1>Hello</h1>');
  // ok: js-xss-tainted-response
  res.json({ name });
});
