<?php
function show_page()
{
    $page = $_GET['page'];
    // ruleid: php-path-traversal-built-path
    include "pages/" . $page . ".php";
    // ruleid: php-path-traversal-built-path
    $text = file_get_contents("/srv/docs/{$page}");
    // ok: php-path-traversal-built-path
    $safe = file_get_contents("/srv/docs/" . basename($page));
    // ok: php-path-traversal-built-path
    require_once "config.php";
    // ok: php-path-traversal-built-path
    $report = file_get_contents("/srv/reports/" . intval($page) . "-" . (int) $page . ".csv");
    return [$text, $safe, $report];
}
