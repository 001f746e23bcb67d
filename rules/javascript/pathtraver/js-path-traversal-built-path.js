const fs = require('fs');
const path = require('path');

function download(req, res) {
  // ruleid: js-path-traversal-built-path
  const data = fs.readFileSync('/srv/uploads/' + req.query.file);
  // ruleid: js-path-traversal-built-path
  res.sendFile(`/srv/reports/${req.params.name}.pdf`);
  // ruleid: js-path-traversal-built-path
  fs.unlink(__dirname + '/tmp/' + req.body.name, () => {});
  // ok: js-path-traversal-built-path
  res.sendFile(path.basename(req.params.name), { root: '/srv/reports' });
  // ok: js-path-traversal-built-path
  const config = fs.readFileSync('/etc/app/config.json');
  // ruleid: js-path-traversal-built-path
  const found = fs.existsSync(`${req.query.dir}/index.html`);
  // ok: js-path-traversal-built-path
  fs.mkdirSync('/srv/uploads/tmp');
  return [data, config, found];
}
