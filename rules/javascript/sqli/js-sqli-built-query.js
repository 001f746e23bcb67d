const express = require('express');
const pool = require('./db');
const app = express();

app.get('/users', async (req, res) => {
  const name = req.query.name;
  // ruleid: js-sqli-built-query
  const rows = await pool.query("SELECT * FROM users WHERE name = '" + name + "'");
  // ruleid: js-sqli-built-query
  await pool.query(`DELETE FROM sessions WHERE user = '${name}'`);
  const sql = 'SELECT * FROM orders WHERE owner = ' + req.query.id;
  // ruleid: js-sqli-built-query
  db.all(sql, (err, data) => res.json(data));
  // ok: js-sqli-built-query
  await pool.query('SELECT * FROM users WHERE name = $1', [name]);
  // ok: js-sqli-built-query
  await pool.query(`SELECT count(*) FROM users`);
  // ok: js-sqli-built-query
  const cached = cache.get('users:' + name);
  res.json({ rows, cached });
});
