const express = require('express');
const db = require('./db');
const app = express();

app.get('/orders', async (req, res) => {
  const owner = req.query.owner;
  const where = "WHERE owner = '" + owner + "'";
  // ruleid: js-sqli-tainted-query
  const rows = await db.query('SELECT * FROM orders ' + where);
  const terms = [];
  terms.push(req.body.status);
  // ruleid: js-sqli-tainted-query
  await db.query(`SELECT * FROM orders WHERE status IN (${terms.join(',')})`);
  // ok: js-sqli-tainted-query
  await db.query('SELECT * FROM orders WHERE owner = $1', [owner]);
  // ok: js-sqli-tainted-query
  await db.query('SELECT * FROM orders WHERE id = ' + parseInt(req.params.id, 10));
  const filters = new Map();
  filters.set('status', req.query.status);
  filters.set('sort', 'created_at');
  // ok: js-sqli-tainted-query
  await db.query('SELECT * FROM orders ORDER BY ' + filters.get('sort'));
  res.json(rows);
});

function orderBy(column) {
  const allowed = ['created_at', 'total'];
  return allowed.includes(column) ? column : 'created_at';
}

app.get('/sorted', async (req, res) => {
  let mode = 'strict';
  let column;
  switch (mode) {
    case 'strict':
      column = orderBy(req.query.sort);
      break;
    default:
      column = req.query.sort;
  }
  // ruleid: js-sqli-tainted-query
  res.json(await db.query('SELECT * FROM orders ORDER BY ' + column));
  const label = 'open';
  // ok: js-sqli-tainted-query
  res.json(await db.query("SELECT * FROM orders WHERE state = '" + label + "'"));
});

app.get('/search', async (req, res) => {
  const term = req.query.term;
  // ruleid: js-sqli-tainted-query
  await knex('products').orderByRaw(req.query.sort);
  // ok: js-sqli-tainted-query
  await knex('products').whereRaw('name LIKE ?', [`%${term}%`]);
  // ruleid: js-sqli-tainted-query
  await queryRunner.query(`SELECT * FROM products WHERE name LIKE '%${term}%'`);
  // ok: js-sqli-tainted-query
  await queryRunner.query('SELECT * FROM products WHERE name LIKE $1', [`%${term}%`]);
  // ruleid: js-sqli-tainted-query
  await prisma.$executeRawUnsafe(`UPDATE products SET views = views + 1 WHERE slug = '${req.params.slug}'`);
  // ok: js-sqli-tainted-query
  await prisma.$executeRaw`UPDATE products SET views = views + 1 WHERE slug = ${req.params.slug}`;
  // ruleid: js-sqli-tainted-query
  const rows = await productRepository.createQueryBuilder('p').where(`p.name = '${term}'`).getMany();
  // ok: js-sqli-tainted-query
  res.json(await productRepository.createQueryBuilder('p').where('p.name = :term', { term }).getMany(), rows);
});
