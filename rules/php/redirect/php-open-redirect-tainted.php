<?php
$next = $_GET['next'];
// ruleid: php-open-redirect-tainted
header("Location: " . $next);
// ruleid: php-open-redirect-tainted
header("Location: $next", true, 302);
// ruleid: php-open-redirect-tainted
header ("location: " . $_GET['redirect']);
// The request value only picks the query of a fixed local page.
// ok: php-open-redirect-tainted
header("Location: /search.php?q=" . urlencode($next));
// ok: php-open-redirect-tainted
header("Location: /profile.php?id=" . $_GET['id']);
// ok: php-open-redirect-tainted
header('X-Request-Id: ' . $_SERVER['HTTP_X_REQUEST_ID']);
// ok: php-open-redirect-tainted
redirect(get_root_url() . 'admin.php?page=' . $_GET['page']);
$back = 'admin.php?page=cat_list';
$back .= '&parent_id=' . $_GET['parent_id'];
// ok: php-open-redirect-tainted
redirect($back);
// A leading slash before the value makes //evil.example a host.
// ruleid: php-open-redirect-tainted
redirect('/' . $_GET['path']);

class LoginController
{
    public function login(Request $request)
    {
        $target = $request->input('return_to');
        // ruleid: php-open-redirect-tainted
        return redirect($target);
    }

    public function back(Request $request)
    {
        // ruleid: php-open-redirect-tainted
        return redirect()->to($request->query('url'));
    }

    public function away(Request $request)
    {
        // ruleid: php-open-redirect-tainted
        return Redirect::away(request('url'));
    }

    public function symfony(Request $request)
    {
        // ruleid: php-open-redirect-tainted
        return new RedirectResponse($request->query->get('next'));
    }

    public function safe(Request $request)
    {
        // ok: php-open-redirect-tainted
        return redirect('/dashboard?tab=' . $request->input('tab'));
    }

    public function named(Request $request)
    {
        // ok: php-open-redirect-tainted
        return redirect()->to(route('users.show', ['id' => $request->input('id')]));
    }

    public function fixed()
    {
        // ok: php-open-redirect-tainted
        return redirect('/home');
    }
}
