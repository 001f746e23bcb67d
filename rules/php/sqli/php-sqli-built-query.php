<?php
function find_user(PDO $pdo, mysqli $db, DOMDocument $doc)
{
    $name = $_GET['name'];
    // ruleid: php-sqli-built-query
    $rows = $pdo->query("SELECT * FROM users WHERE name = '" . $name . "'");
    $sql = "DELETE FROM sessions WHERE owner = '{$name}'";
    // ruleid: php-sqli-built-query
    mysqli_query($db, $sql);
    // ruleid: php-sqli-built-query
    $db->query(sprintf("SELECT id FROM users WHERE email = '%s'", $_POST['email']));
    // ok: php-sqli-built-query
    $stmt = $pdo->prepare("SELECT * FROM users WHERE name = ?");
    $stmt->execute([$name]);
    // ok: php-sqli-built-query
    $count = $pdo->query('SELECT COUNT(*) FROM users');
    $xpath = new DOMXPath($doc);
    // ok: php-sqli-built-query
    $nodes = $xpath->query("//user[@name='" . $name . "']");
    return $rows;
}

function page(PDO $pdo, mysqli $db, $name)
{
    $page = (int) $name;
    // ok: php-sqli-built-query
    $pdo->query("SELECT * FROM users LIMIT 20 OFFSET " . ($page * 20));
    // ok: php-sqli-built-query
    $pdo->query("SELECT * FROM users WHERE name = " . $pdo->quote($name));
    // ok: php-sqli-built-query
    mysqli_query($db, "SELECT * FROM users WHERE id = " . intval($name));
}
