const https = require('https');

// ruleid: js-tls-verification-disabled
const agent = new https.Agent({ rejectUnauthorized: false });
// ruleid: js-tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
// ok: js-tls-verification-disabled
const strict = new https.Agent({ rejectUnauthorized: true });
// ok: js-tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
module.exports = { agent, strict };
