const express = require('express');
const app = express();

app.get('/login', (req, res) => {
  const next = req.query.next;
  // ruleid: js-open-redirect-tainted
  res.redirect(next);
  // ruleid: js-open-redirect-tainted
  res.redirect(302, 'https://' + req.get('host') + '/home');
  // ok: js-open-redirect-tainted
  res.redirect('/dashboard');
});

app.get('/back', (req, res) => {
  const target = req.query.to;
  if (!target.startsWith('/app/')) {
    return res.redirect('/app/');
  }
  // ok: js-open-redirect-tainted
  res.redirect(target);
});
