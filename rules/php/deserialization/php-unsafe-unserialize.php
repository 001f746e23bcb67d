<?php
function restore_cart()
{
    // ruleid: php-unsafe-unserialize
    $cart = unserialize($_COOKIE['cart']);
    // ok: php-unsafe-unserialize
    $plain = unserialize($_COOKIE['cart'], ['allowed_classes' => false]);
    // ok: php-unsafe-unserialize
    $data = json_decode($_COOKIE['cart'], true);
    return [$cart, $plain, $data];
}
