const session = require('express-session');

function login(req, res) {
  // ruleid: js-insecure-cookie
  res.cookie('session', req.sessionID);
  // ruleid: js-insecure-cookie
  res.cookie('remember', req.user.token, { httpOnly: true });
  // ok: js-insecure-cookie
  res.cookie('session', req.sessionID, { secure: true, httpOnly: true, sameSite: 'lax' });
}

// ruleid: js-insecure-cookie
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: false } }));
// ok: js-insecure-cookie
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
