<?php
function xor_this($text, $key)
{
    $out = '';
    for ($i = 0; $i < strlen($text);) {
        for ($j = 0; $j < strlen($key) && $i < strlen($text); $j++, $i++) {
            // ruleid: php-crypto-xor-cipher
            $out .= $text[$i] ^ $key[$j];
        }
    }
    return $out;
}

function scramble($text, $key)
{
    $out = '';
    for ($i = 0; $i < strlen($text); $i++) {
        // ruleid: php-crypto-xor-cipher
        $out .= chr(ord($text[$i]) ^ ord($key[$i % strlen($key)]));
    }
    return $out;
}

function same_bytes($known, $given)
{
    // A constant-time comparison XORs characters too, but folds them into a number.
    $diff = 0;
    for ($i = 0; $i < strlen($known); $i++) {
        // ok: php-crypto-xor-cipher
        $diff |= ord($known[$i]) ^ ord($given[$i]);
    }
    // ok: php-crypto-xor-cipher
    $flags = 'mask:' . ($diff ^ 0xff);
    return $diff === 0 ? $flags : '';
}
