const fs = require('fs');
const path = require('path');
const express = require('express');
const app = express();

app.get('/files', (req, res) => {
  const name = req.query.name;
  const full = path.join('/srv/uploads', name);
  // ruleid: js-path-traversal-tainted
  fs.readFile(full, (err, data) => res.send(data));
  // ruleid: js-path-traversal-tainted
  res.sendFile('/srv/uploads/' + req.params.file);
  // ok: js-path-traversal-tainted
  fs.readFile(path.join('/srv/uploads', path.basename(name)), () => {});
  // ok: js-path-traversal-tainted
  res.sendFile(name, { root: '/srv/uploads' });
  // ok: js-path-traversal-tainted
  fs.readFileSync('/etc/app/config.json');
});

app.delete('/files', (req, res) => {
  const name = req.body.name;
  if (name.includes('..')) {
    return res.sendStatus(400);
  }
  // ok: js-path-traversal-tainted
  fs.unlinkSync('/srv/uploads/' + name);
  res.sendStatus(204);
});

app.get('/static/*', (req, res) => {
  const file = path.join('/srv/public', req.path);
  // ruleid: js-path-traversal-tainted
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) return res.sendStatus(404);
    // ruleid: js-path-traversal-tainted
    fs.createReadStream(file).pipe(res);
  });
  // ok: js-path-traversal-tainted
  fs.existsSync(path.join('/srv/public', 'index.html'));
});

app.get('/docs/*', (req, res) => {
  const root = path.resolve('/srv/docs');
  const file = path.resolve(path.join(root, req.path));
  if (file.indexOf(root) !== 0) {
    return res.sendStatus(400);
  }
  // ok: js-path-traversal-tainted
  fs.readFile(file, (err, data) => res.send(data));
});

// A name taken out of the request by destructuring is as much the request's as the whole.
app.get('/assets/*', (req, res) => {
  const { pathname } = new URL(req.originalUrl, 'http://localhost');
  const { download: wanted = 'index.html' } = req.query;
  // ruleid: js-path-traversal-tainted
  fs.createReadStream(path.join('/srv/assets', pathname)).pipe(res);
  // ruleid: js-path-traversal-tainted
  res.download(path.join('/srv/assets', wanted));
  const assets = path.resolve('/srv/assets');
  const full = path.resolve(assets, '.' + decodeURIComponent(pathname));
  // A prefix check that also lets the root itself through.
  if (full !== assets && !full.startsWith(assets + path.sep)) {
    return res.sendStatus(403);
  }
  // ok: js-path-traversal-tainted
  fs.stat(full, () => {});
  // Normalised as an absolute path first: no '..' is left to climb above the root with.
  const inside = path.join(assets, path.posix.normalize('/' + pathname));
  // ok: js-path-traversal-tainted
  fs.readFile(inside, (err, data) => res.send(data));
});
