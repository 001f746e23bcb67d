<?php
function seal($key, $data)
{
    // ruleid: php-broken-crypto
    $legacy = mcrypt_encrypt(MCRYPT_RIJNDAEL_128, $key, $data, MCRYPT_MODE_CBC);
    // ruleid: php-broken-crypto
    $des = openssl_encrypt($data, 'des-cbc', $key, 0, $iv);
    // ruleid: php-broken-crypto
    $ecb = openssl_encrypt($data, 'aes-128-ecb', $key);
    // ruleid: php-broken-crypto
    $stream = openssl_decrypt($data, "RC4", $key);
    $iv = random_bytes(openssl_cipher_iv_length('aes-256-gcm'));
    // ok: php-broken-crypto
    $sealed = openssl_encrypt($data, 'aes-256-gcm', $key, 0, $iv, $tag);
    // ok: php-broken-crypto
    $box = sodium_crypto_secretbox($data, $iv, $key);
    return [$legacy, $des, $ecb, $stream, $sealed, $box];
}
