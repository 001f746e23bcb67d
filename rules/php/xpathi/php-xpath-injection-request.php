<?php
function login(DOMDocument $users)
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
    return [$found, $books, $admins, $one];
}
