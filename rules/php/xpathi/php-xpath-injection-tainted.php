<?php
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$name = $_GET['name'];
// ruleid: php-xpath-injection-tainted
$nodes = $xpath->query("//user[name='$name']");
// ok: php-xpath-injection-tainted
$nodes = $xpath->query("//user[@id=" . intval($_GET['id']) . "]");

function login(DOMXPath $xp, SimpleXMLElement $xml, PDO $pdo, $request)
{
    $user = $request->input('user');
    $expr = "//account[user='" . $user . "' and pass='" . $request->input('pass') . "']";
    // ruleid: php-xpath-injection-tainted
    $match = $xp->evaluate($expr);
    // ruleid: php-xpath-injection-tainted
    $found = $xml->xpath('//item[sku="' . $_POST['sku'] . '"]');
    // ok: php-xpath-injection-tainted
    $all = $xp->query('//account[@active="1"]');
    // ok: php-xpath-injection-tainted
    $found = $xml->xpath('//item[position()=' . (int) $_POST['n'] . ']');
    // SQL on a database in the same file is not XPath.
    // ok: php-xpath-injection-tainted
    $pdo->query("SELECT * FROM accounts WHERE user = '" . $user . "'");
    return $match;
}
