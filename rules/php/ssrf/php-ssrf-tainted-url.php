<?php
$url = $_GET['url'];
// ruleid: php-ssrf-tainted-url
$ch = curl_init($url);
// ok: php-ssrf-tainted-url
$ch = curl_init('https://api.example.com/v1/status');

function fetchPreview($request)
{
    $target = $request->input('target');
    $ch = curl_init();
    // ruleid: php-ssrf-tainted-url
    curl_setopt($ch, CURLOPT_URL, $target);
    // ruleid: php-ssrf-tainted-url
    curl_setopt($ch, CURLOPT_URL, 'http://' . $_POST['host'] . '/health');
    // ruleid: php-ssrf-tainted-url
    $response = Http::get($target);
    // ruleid: php-ssrf-tainted-url
    $sock = fsockopen($_GET['host'], 80);

    // A fixed scheme and host: the request value only picks the path.
    // ok: php-ssrf-tainted-url
    curl_setopt($ch, CURLOPT_URL, 'https://api.example.com/users/' . $request->input('id'));
    // ok: php-ssrf-tainted-url
    $response = Http::get("https://api.example.com/search?q=" . urlencode($target));
    // ok: php-ssrf-tainted-url
    $ch = curl_init(config('services.api.base') . '/users/' . $request->input('id'));
    // ok: php-ssrf-tainted-url
    $ch = curl_init("https://api.example.com/users/{$target}");
    // ok: php-ssrf-tainted-url
    curl_setopt($ch, CURLOPT_TIMEOUT, $request->input('timeout'));
    $target = 'https://example.com/';
    // ok: php-ssrf-tainted-url
    curl_setopt($ch, CURLOPT_URL, $target);
    return curl_exec($ch);
}
