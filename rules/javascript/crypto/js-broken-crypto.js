const crypto = require('crypto');

function encrypt(key, text) {
  // ruleid: js-broken-crypto
  const des = crypto.createCipheriv('des-cbc', key, crypto.randomBytes(8));
  // ruleid: js-broken-crypto
  const ecb = crypto.createCipheriv('aes-128-ecb', key, null);
  // ruleid: js-broken-crypto
  const fixedIv = crypto.createCipheriv('aes-256-cbc', key, Buffer.from('0123456789abcdef'));
  // ruleid: js-broken-crypto
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  // ok: js-broken-crypto
  const gcm = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));
  // ok: js-broken-crypto
  const strong = crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
  return [des, ecb, fixedIv, privateKey, gcm, strong, text];
}
