function afterLogin(req, res) {
  // ruleid: js-open-redirect
  res.redirect(req.query.next);
  // ruleid: js-open-redirect
  res.redirect(302, req.body.returnTo);
  // ok: js-open-redirect
  res.redirect('/dashboard');
  // ok: js-open-redirect
  res.redirect(routes[req.query.page] ? '/home' : '/');
}

function clientSide() {
  // ruleid: js-open-redirect
  window.location.href = new URLSearchParams(location.search).get('next');
  // ok: js-open-redirect
  window.location.href = '/login';
}
