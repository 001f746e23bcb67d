const express = require('express');
const axios = require('axios');
const app = express();

app.get('/preview', async (req, res) => {
  const target = req.query.url;
  // ruleid: js-ssrf-tainted-url
  const page = await fetch(target);
  // ruleid: js-ssrf-tainted-url
  const meta = await axios.get(`http://${req.query.host}/meta`);
  // ok: js-ssrf-tainted-url
  const status = await fetch('https://status.example.com/api');
  res.json({ page: await page.text(), meta: meta.data, status: status.ok });
});
