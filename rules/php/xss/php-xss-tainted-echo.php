<?php
$q = $_GET['q'];
// ruleid: php-xss-tainted-echo
echo "<p>Results for $q</p>";
// ok: php-xss-tainted-echo
echo "<p>Results for " . htmlspecialchars($q, ENT_QUOTES, 'UTF-8') . "</p>";

function greet($request)
{
    $name = $request->input('name');
    $html = '<h1>Hello ' . $name . '</h1>';
    // ruleid: php-xss-tainted-echo
    echo $html;
    // ruleid: php-xss-tainted-echo
    print "<a href='" . $_SERVER['PHP_SELF'] . "'>again</a>";
    // ruleid: php-xss-tainted-echo
    printf('<span>%s</span>', $_COOKIE['theme']);
    // ok: php-xss-tainted-echo
    echo '<h1>Hello ' . htmlentities($name) . '</h1>';
    // ok: php-xss-tainted-echo
    echo 'Page ' . intval($_GET['page']);
    // ok: php-xss-tainted-echo
    echo json_encode(['name' => $name]);
    // ok: php-xss-tainted-echo
    print '<p>static</p>';
    $tab = isset($_GET['tab']) ? $_GET['tab'] : 'home';
    // ruleid: php-xss-tainted-echo
    echo "<div id='$tab'>";
    // The request only picks one of two constants.
    $action = isset($_GET['action']) && $_GET['action'] == 'logout' ? 'logout' : 'login';
    // ok: php-xss-tainted-echo
    echo "<form action='$action'>";
    // ok: php-xss-tainted-echo
    echo yourls_esc_attr($_GET['next']);
    // A row the request chose holds stored data, not the request value.
    $row = mysqli_fetch_assoc(mysqli_query($db, 'SELECT title FROM posts WHERE id = ' . $_GET['id']));
    // ok: php-xss-tainted-echo
    echo $row['title'];
    $response = new ResponseBuilder(strtolower($_GET['format']));
    // ok: php-xss-tainted-echo
    echo $response->getResponseException($e);
    $name = 'guest';
    // ok: php-xss-tainted-echo
    echo "<h1>Hello $name</h1>";
}
$title = $_POST['title'];
$safe = htmlspecialchars($title);
?>
<html>
<?php // ruleid: php-xss-tainted-echo ?>
<h1><?= $title ?></h1>
<?php // ok: php-xss-tainted-echo ?>
<h2><?= $safe ?></h2>
</html>
