const serialize = require('node-serialize');
const yaml = require('js-yaml');

function restore(req) {
  // ruleid: js-unsafe-deserialization
  const profile = serialize.unserialize(req.cookies.profile);
  // ruleid: js-unsafe-deserialization
  const config = yaml.unsafeLoad(req.body);
  // ok: js-unsafe-deserialization
  const data = JSON.parse(req.body);
  // ok: js-unsafe-deserialization
  const safe = yaml.load(req.body);
  return { profile, config, data, safe };
}
