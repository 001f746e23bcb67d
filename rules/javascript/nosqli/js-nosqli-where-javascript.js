const express = require('express');
const app = express();

app.get('/allocations/:userId', async (req, res) => {
  const db = req.app.locals.db;
  const userId = req.params.userId;
  const threshold = req.query.threshold;
  // ruleid: js-nosqli-where-javascript
  const query = { $where: `this.userId == ${userId} && this.stocks > '${threshold}'` };
  const rows = await db.collection('allocations').find(query).toArray();
  // ruleid: js-nosqli-where-javascript
  await db.collection('allocations').find({ '$where': 'this.owner == "' + req.user.name + '"' }).toArray();
  // ruleid: js-nosqli-where-javascript
  await Allocation.find().$where('this.total > ' + threshold);
  // ok: js-nosqli-where-javascript
  await db.collection('allocations').find({ $where: 'this.stocks > this.bonds' }).toArray();
  // ok: js-nosqli-where-javascript
  await db.collection('allocations').find({ $where: function () { return this.stocks > this.bonds; } }).toArray();
  // ok: js-nosqli-where-javascript
  await db.collection('allocations').find({ userId: Number(userId), stocks: { $gt: Number(threshold) } }).toArray();
  const productId = Number(req.params.id);
  // ok: js-nosqli-where-javascript
  await db.collection('reviews').find({ $where: 'this.product == ' + productId }).toArray();
  res.json(rows);
});

app.post('/report', async (req, res) => {
  const field = req.body.field;
  const map = 'function () { emit(this.' + field + ', 1); }';
  // ruleid: js-nosqli-where-javascript
  await Order.collection.mapReduce(map, 'function (k, v) { return Array.sum(v); }', { out: { inline: 1 } });
  // ruleid: js-nosqli-where-javascript
  await Order.mapReduce({ map: `function () { emit(this.${field}, 1); }`, reduce: (k, v) => v.length });
  // ok: js-nosqli-where-javascript
  await Order.mapReduce({ map: function () { emit(this.status, 1); }, reduce: (k, v) => v.length });
  // ok: js-nosqli-where-javascript
  await Order.collection.mapReduce(function () { emit(this.status, 1); }, function (k, v) { return v.length; }, { out: { inline: 1 } });
  res.sendStatus(204);
});
