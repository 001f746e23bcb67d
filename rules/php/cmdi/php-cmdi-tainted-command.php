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

function ping_validated_octets()
{
    $octet = explode('.', $_REQUEST['ip']);
    if (is_numeric($octet[0]) && is_numeric($octet[1]) && is_numeric($octet[2]) && is_numeric($octet[3]) && count($octet) == 4) {
        // Each part was checked to be a number before it is put back together.
        $target = $octet[0] . '.' . $octet[1] . '.' . $octet[2] . '.' . $octet[3];
        // ok: php-cmdi-tainted-command
        shell_exec('ping -c 4 ' . $target);
        // A part the condition did not check is still the client's.
        // ruleid: php-cmdi-tainted-command
        shell_exec('ping -c 4 ' . $octet[4]);
    }
    if (is_numeric($octet[0]) || count($octet) == 1) {
        // Either check may have passed: the octet is not known to be a number.
        // ruleid: php-cmdi-tainted-command
        shell_exec('ping -c 4 ' . $octet[0]);
    }
}

function ping_blacklisted()
{
    // Removing '&&' and ';' leaves '|', '||', '$( )' and backticks: a blacklist is not an escape.
    $target = str_replace(array('&&', ';'), '', $_REQUEST['ip']);
    // ruleid: php-cmdi-tainted-command
    shell_exec('ping -c 4 ' . $target);
    $count = $_GET['count'];
    if (!ctype_digit($count)) {
        exit('count must be a number');
    }
    // ok: php-cmdi-tainted-command
    shell_exec('ping -c ' . $count . ' example.org');
    // ok: php-cmdi-tainted-command
    shell_exec('ping -c 4 ' . filter_var($_GET['host'], FILTER_VALIDATE_IP));
}
