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

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' });
  // The body is declared JSON: a browser does not render it as a page.
  // ok: js-xss-tainted-response
  res.end(text);
}

function sendPage(res, html) {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(html);
}

app.get('/missing', (req, res) => {
  // ok: js-xss-tainted-response
  sendJson(res, 404, { error: `no such route: ${req.url}` });
  // The value reaches a helper that writes it into a page: reported where it is handed over.
  // ruleid: js-xss-tainted-response
  sendPage(res, `<p>No page at ${req.url}</p>`);
});
