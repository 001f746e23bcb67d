<?php
function login(DOMDocument $users, mysqli $db)
{
    $xpath = new DOMXPath($users);
    // ruleid: php-xpath-injection-request
    $found = $xpath->query("//user[@name='" . $_POST['user'] . "' and @password='" . $_POST['pass'] . "']");
    $catalog = simplexml_load_file('catalog.xml');
    // ruleid: php-xpath-injection-request
    $books = $catalog->xpath("//book[author='{$_GET['author']}']");
    // ok: php-xpath-injection-request
    $admins = $xpath->query("//user[@role='admin']");
    $id = (int) $_GET['id'];
    // ok: php-xpath-injection-request
    $one = $xpath->query("//user[@id=" . $id . "]");
    // ok: php-xpath-injection-request
    $two = $xpath->query("//user[@id=" . intval($_GET['id']) . " or @id=" . (int) $_GET['alt'] . "]");
    // ok: php-xpath-injection-request
    $db->query("SELECT * FROM users WHERE name = '" . $_POST['user'] . "'");
    return [$found, $books, $admins, $one, $two];
}
