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
