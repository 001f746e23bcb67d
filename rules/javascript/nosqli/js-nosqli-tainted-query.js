const express = require('express');
const sanitize = require('mongo-sanitize');
const User = require('./models/user');
const app = express();
app.use(express.json());

app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  // ruleid: js-nosqli-tainted-query
  const user = await User.findOne({ username, password });
  // ruleid: js-nosqli-tainted-query
  await User.findOne({ username: req.body.username, password: req.body.password });
  // ok: js-nosqli-tainted-query
  await User.findOne({ username: String(req.body.username), password: String(req.body.password) });
  // ok: js-nosqli-tainted-query
  await User.findOne(sanitize({ username: req.body.username }));
  res.json({ ok: Boolean(user) });
});

app.get('/orders', async (req, res) => {
  const db = req.app.locals.db;
  // ruleid: js-nosqli-tainted-query
  const orders = await db.collection('orders').find(req.query).toArray();
  const filter = { status: req.query.status };
  // ruleid: js-nosqli-tainted-query
  const count = await db.collection('orders').countDocuments(filter);
  // ruleid: js-nosqli-tainted-query
  await db.collection('orders').deleteMany({ owner: req.body.owner });
  // ruleid: js-nosqli-tainted-query
  await db.collection('orders').aggregate([{ $match: { owner: req.body.owner } }]).toArray();
  // ok: js-nosqli-tainted-query
  await db.collection('orders').updateOne({ _id: req.params.id }, { $set: { seen: true } });
  // ok: js-nosqli-tainted-query
  await db.collection('orders').find({ total: { $gt: Number(req.query.min) } }).toArray();
  // ok: js-nosqli-tainted-query
  const product = await Product.findOne({ where: { id: req.body.id } });
  // ok: js-nosqli-tainted-query
  const mine = orders.find((o) => o.owner === req.query.owner);
  res.json({ orders, count, mine, product });
});

app.post('/reset', async (req, res) => {
  const email = req.body.email;
  if (typeof email !== 'string') return res.sendStatus(400);
  // ok: js-nosqli-tainted-query
  await User.updateOne({ email }, { $set: { resetRequested: true } });
  res.sendStatus(204);
});

app.post('/profile', async (req, res) => {
  const name = req.body.name;
  if (typeof name === 'string') {
    // ok: js-nosqli-tainted-query
    return res.json(await User.findOne({ name }));
  }
  res.sendStatus(400);
});

app.post('/invite', async (req, res) => {
  const email = req.body.email;
  // ruleid: js-nosqli-tainted-query
  const invited = await User.exists({ email });
  const { code } = req.body;
  if (typeof code !== 'string') return res.sendStatus(400);
  // ok: js-nosqli-tainted-query
  await User.findOneAndUpdate({ email: `${email}`, code }, { $set: { invited: true } });
  res.json({ invited });
});

app.put('/reviews', async (req, res) => {
  // ruleid: js-nosqli-tainted-query
  await db.reviews.update({ _id: req.body.id }, { $set: { message: req.body.message } });
  if (typeof req.body.id !== 'string') {
    res.status(400).send();
    return;
  }
  // ok: js-nosqli-tainted-query
  await db.reviews.update({ _id: req.body.id }, { $set: { message: req.body.message } });
  const user = await User.findById(req.user.id);
  // ok: js-nosqli-tainted-query
  await user.updateOne({ nickname: req.body.nickname });
  res.sendStatus(204);
});

// Koa
router.post('/koa/login', async (ctx) => {
  // ruleid: js-nosqli-tainted-query
  ctx.body = await User.findOne({ email: ctx.request.body.email });
});
