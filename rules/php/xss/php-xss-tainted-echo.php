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
