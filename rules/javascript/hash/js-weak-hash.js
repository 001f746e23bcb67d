const crypto = require('crypto');

function hashPassword(password) {
  // ruleid: js-weak-hash
  const digest = crypto.createHash('md5').update(password).digest('hex');
  // ruleid: js-weak-hash
  const legacy = crypto.createHash("sha1").update(password).digest('hex');
  // ok: js-weak-hash
  const strong = crypto.createHash('sha256').update(password).digest('hex');
  return [digest, legacy, strong];
}
