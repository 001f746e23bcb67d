const crypto = require('crypto');

function issue(user) {
  // ruleid: js-insecure-random-secret
  const resetToken = Math.random().toString(36).slice(2);
  // ruleid: js-insecure-random-secret
  user.sessionId = Math.floor(Math.random() * 1e16).toString(16);
  // ok: js-insecure-random-secret
  const token = crypto.randomBytes(32).toString('hex');
  // ok: js-insecure-random-secret
  const jitter = Math.random() * 100;
  return [resetToken, token, jitter];
}
