<?php
$host = $_GET['host'];
// ruleid: php-cmdi-tainted-command
$out = shell_exec("ping -c 1 " . $host);
// ok: php-cmdi-tainted-command
$out = shell_exec("ping -c 1 " . escapeshellarg($host));

function convert($request)
{
    $file = $request->input('file');
    $cmd = "convert $file out.png";
    // ruleid: php-cmdi-tainted-command
    system($cmd, $status);
    // ruleid: php-cmdi-tainted-command
    exec('tar -xzf ' . $_POST['archive'], $lines);
    // ruleid: php-cmdi-tainted-command
    passthru(sprintf('whois %s', $_SERVER['HTTP_X_DOMAIN']));
    // ruleid: php-cmdi-tainted-command
    $listing = `ls -la $file`;
    // ruleid: php-cmdi-tainted-command
    $p = popen("grep {$_REQUEST['pattern']} /var/log/app.log", 'r');
    // ruleid: php-cmdi-tainted-command
    $proc = proc_open('gzip ' . $file, [1 => ['pipe', 'w']], $pipes);

    // ok: php-cmdi-tainted-command
    system('convert ' . escapeshellarg($file) . ' out.png');
    // ok: php-cmdi-tainted-command
    exec('kill -9 ' . intval($_GET['pid']));
    // ok: php-cmdi-tainted-command
    $proc = proc_open(['gzip', $file], [1 => ['pipe', 'w']], $pipes);
    // ok: php-cmdi-tainted-command
    system('uptime');
    // The document root is the server's setting, not the client's.
    // ok: php-cmdi-tainted-command
    exec('du -sh ' . $_SERVER['DOCUMENT_ROOT']);
    $file = 'default.png';
    // ok: php-cmdi-tainted-command
    $listing = `ls -la $file`;
    return $listing;
}
