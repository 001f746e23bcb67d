<?php
$page = $_GET['page'];
// ruleid: php-path-traversal-tainted
include 'pages/' . $page . '.php';
// ok: php-path-traversal-tainted
include 'pages/' . basename($page) . '.php';
// ok: php-path-traversal-tainted
require_once __DIR__ . '/config.php';

function download($request)
{
    $name = $request->query('name');
    $path = "/var/app/files/$name";
    // ruleid: php-path-traversal-tainted
    readfile($path);
    // ruleid: php-path-traversal-tainted
    $data = file_get_contents('/var/app/data/' . $_POST['doc']);
    // ruleid: php-path-traversal-tainted
    $fh = fopen($_COOKIE['log'], 'a');
    // ruleid: php-path-traversal-tainted
    unlink('/tmp/uploads/' . $_REQUEST['id']);
    // ruleid: php-path-traversal-tainted
    file_put_contents("cache/{$name}.json", $data);
    // ruleid: php-path-traversal-tainted
    move_uploaded_file($_FILES['f']['tmp_name'], 'uploads/' . $_FILES['f']['name']);
    // ruleid: php-path-traversal-tainted
    require $request->input('module');

    // ok: php-path-traversal-tainted
    readfile('/var/app/files/' . basename($name));
    // The temporary file of an upload is named by PHP.
    // ok: php-path-traversal-tainted
    $in = fopen($_FILES['f']['tmp_name'], 'rb');
    // ok: php-path-traversal-tainted
    move_uploaded_file($_FILES['f']['tmp_name'], 'uploads/' . bin2hex(random_bytes(16)) . '.bin');
    // ok: php-path-traversal-tainted
    $data = file_get_contents('/var/app/data/report-' . (int) $_GET['n'] . '.csv');
    // ok: php-path-traversal-tainted
    $data = file_get_contents($_SERVER['DOCUMENT_ROOT'] . '/robots.txt');
    $name = 'index';
    // ok: php-path-traversal-tainted
    readfile("/var/app/files/$name");
    return $data;
}

function show_page()
{
    $page = $_GET['page'];
    // An allow-list with an exit before the include: only the listed names are included.
    if (!in_array($page, ['home.php', 'about.php'])) {
        echo 'not found';
        exit;
    }
    // ok: php-path-traversal-tainted
    include $page;
}

function show_page_with_blacklist()
{
    // Removing "../" once does not stop "....//" (it becomes "../"), nor absolute paths or php:// wrappers.
    $page = str_replace(array('../', '..\\'), '', $_GET['page']);
    // ruleid: php-path-traversal-tainted
    include $page;
}

function show_page_with_prefix_check()
{
    $page = $_GET['page'];
    // A prefix test together with another condition turns nothing away on its own ("file:///etc/passwd").
    if (!fnmatch('file*', $page) && $page != 'include.php') {
        exit;
    }
    // ruleid: php-path-traversal-tainted
    include $page;
}

function read_doc()
{
    $doc = $_GET['doc'];
    if (strpos($doc, '..') !== false) {
        http_response_code(400);
        return;
    }
    // ok: php-path-traversal-tainted
    readfile('/var/app/docs/' . $doc);
}
