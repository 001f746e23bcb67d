<?php
$cart = $_COOKIE['cart'];
// ruleid: php-unsafe-unserialize-tainted
$items = unserialize($cart);
// ok: php-unsafe-unserialize-tainted
$items = unserialize($cart, ['allowed_classes' => false]);

function restore($request)
{
    $state = base64_decode($request->input('state'));
    // ruleid: php-unsafe-unserialize-tainted
    $obj = unserialize($state);
    // ruleid: php-unsafe-unserialize-tainted
    $obj = unserialize($_POST['data'], ['allowed_classes' => true]);
    $body = file_get_contents("php://input");
    // ruleid: php-unsafe-unserialize-tainted
    $obj = unserialize($body);
    // ok: php-unsafe-unserialize-tainted
    $obj = unserialize($state, ['allowed_classes' => [Cart::class]]);
    // ok: php-unsafe-unserialize-tainted
    $data = json_decode($request->input('state'), true);
    // ok: php-unsafe-unserialize-tainted
    $cached = unserialize(file_get_contents('/var/cache/app/state.bin'));
    return $obj;
}
