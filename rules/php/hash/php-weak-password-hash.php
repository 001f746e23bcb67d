<?php
function store_user($db, $name, $password)
{
    // ruleid: php-weak-password-hash
    $hash = md5($password);
    // ruleid: php-weak-password-hash
    $legacy = sha1($_POST['password']);
    // ok: php-weak-password-hash
    $strong = password_hash($password, PASSWORD_DEFAULT);
    // ok: php-weak-password-hash
    $etag = md5($name);
    return [$hash, $legacy, $strong, $etag];
}
