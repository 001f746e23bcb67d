<?php
function find_user($db)
{
    $id = mysqli_real_escape_string($db, $_POST['id']);
    // ruleid: php-sqli-escaped-unquoted
    $query = "SELECT first_name FROM users WHERE user_id = $id;";
    $result = mysqli_query($db, $query);
    // ruleid: php-sqli-escaped-unquoted
    $result = mysqli_query($db, "SELECT name FROM users ORDER BY name LIMIT {$id}");
    // ruleid: php-sqli-escaped-unquoted
    $result = mysqli_query($db, 'SELECT name FROM users WHERE id = ' . $id);
    $ids = addslashes($_GET['ids']);
    // ruleid: php-sqli-escaped-unquoted
    $result = $db->query("SELECT name FROM users WHERE id IN ($ids)");

    // Inside quotes the escape does its job.
    // ok: php-sqli-escaped-unquoted
    $query = "SELECT first_name FROM users WHERE user_id = '$id';";
    // ok: php-sqli-escaped-unquoted
    $result = mysqli_query($db, "SELECT name FROM users WHERE id = '" . $id . "'");
    $n = intval($_GET['n']);
    // ok: php-sqli-escaped-unquoted
    $result = mysqli_query($db, "SELECT name FROM users LIMIT $n");
    $page = $db->real_escape_string($_GET['page']);
    if (ctype_digit($page)) {
        // ok: php-sqli-escaped-unquoted
        $result = mysqli_query($db, "SELECT name FROM users LIMIT 10 OFFSET $page");
    }
    // Not SQL: a message that only shows the value.
    // ok: php-sqli-escaped-unquoted
    $message = "Your id = $id";
    return [$result, $message];
}
