<?php
function convert($file)
{
    // ruleid: php-cmdi-built-command
    system("convert " . $file . " out.png");
    $cmd = "gzip {$file}";
    // ruleid: php-cmdi-built-command
    $out = shell_exec($cmd);
    // ruleid: php-cmdi-built-command
    $listing = `ls -l $file`;
    // ok: php-cmdi-built-command
    system("convert " . escapeshellarg($file) . " out.png");
    // ok: php-cmdi-built-command
    exec("uptime", $lines);
    // ok: php-cmdi-built-command
    $date = `date`;
    // ok: php-cmdi-built-command
    exec("kill -9 " . intval($file) . " " . (int) $file);
    return [$out, $listing, $date];
}

function ping($address)
{
    $parts = explode('.', $address);
    if (count($parts) == 4 && is_numeric($parts[0]) && is_numeric($parts[1]) && is_numeric($parts[2]) && is_numeric($parts[3])) {
        // ok: php-cmdi-built-command
        return shell_exec('ping -c 4 ' . $parts[0] . '.' . $parts[1] . '.' . $parts[2] . '.' . $parts[3]);
    }
    if (!ctype_digit($address)) {
        return null;
    }
    // ok: php-cmdi-built-command
    return shell_exec('kill -9 ' . $address);
}

function ping_blacklisted($address)
{
    // Deleting characters is not a check: '|' and '$( )' stay.
    // ruleid: php-cmdi-built-command
    return shell_exec('ping -c 4 ' . str_replace(array('&&', ';'), '', $address));
}
