<?php
// ruleid: php-crypto-unauthenticated-cbc
define('TOKEN_CIPHER', 'aes-128-cbc');

function seal_token($token, $key, $iv)
{
    return openssl_encrypt($token, TOKEN_CIPHER, $key, OPENSSL_RAW_DATA, $iv);
}

function open_token($ciphertext, $key, $iv)
{
    // A failed padding check answers differently from a bad token: the padding oracle.
    $plain = openssl_decrypt($ciphertext, TOKEN_CIPHER, $key, OPENSSL_RAW_DATA, $iv);
    if ($plain === false) {
        throw new Exception('Decryption failed');
    }
    return $plain;
}

function seal_note($note, $key, $iv)
{
    // ruleid: php-crypto-unauthenticated-cbc
    return openssl_encrypt($note, 'aes-256-cbc', $key, 0, $iv);
}

function seal_setting($note, $key, $iv)
{
    // ruleid: php-crypto-unauthenticated-cbc
    $cipher = "camellia-256-cbc";
    return openssl_encrypt($note, $cipher, $key, 0, $iv);
}

function seal_gcm($note, $key, $iv, &$tag)
{
    // ok: php-crypto-unauthenticated-cbc
    return openssl_encrypt($note, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag);
}
