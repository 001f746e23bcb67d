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

// ORMs and query builders: raw SQL entry points.
async function findByName(sequelize, knex, dataSource, prisma, repo, name) {
  // ruleid: js-sqli-built-query
  await sequelize.query(`SELECT * FROM users WHERE name = '${name}'`);
  // ok: js-sqli-built-query
  await sequelize.query('SELECT * FROM users WHERE name = :name', { replacements: { name } });
  // ruleid: js-sqli-built-query
  await knex('users').whereRaw("name = '" + name + "'");
  // ok: js-sqli-built-query
  await knex('users').whereRaw('name = ?', [name]);
  // ruleid: js-sqli-built-query
  await dataSource.query(`SELECT * FROM users WHERE name = '${name}'`);
  // ruleid: js-sqli-built-query
  await prisma.$queryRawUnsafe(`SELECT * FROM users WHERE name = '${name}'`);
  // ok: js-sqli-built-query
  await prisma.$queryRaw`SELECT * FROM users WHERE name = ${name}`;
  // ruleid: js-sqli-built-query
  await repo.createQueryBuilder('u').where(`u.name = '${name}'`).getMany();
  // ok: js-sqli-built-query
  return repo.createQueryBuilder('u').where('u.name = :name', { name }).getMany();
}
