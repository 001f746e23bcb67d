<?php
function hello()
{
    $html = '';
    if (array_key_exists('name', $_GET)) {
        // ruleid: php-xss-tainted-html-string
        $html .= '<pre>Hello ' . $_GET['name'] . '</pre>';
        // Deleting one spelling of the tag leaves <img onerror=…> and <SCRIPT>.
        $name = str_replace('<script>', '', $_GET['name']);
        // ruleid: php-xss-tainted-html-string
        $html .= "<pre>Hello {$name}</pre>";
        $name = preg_replace('/<(.*)s(.*)c(.*)r(.*)i(.*)p(.*)t/i', '', $_GET['name']);
        // ruleid: php-xss-tainted-html-string
        $html .= "<div class='greeting'>Hello $name</div>";
        // ok: php-xss-tainted-html-string
        $html .= '<pre>Hello ' . htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8') . '</pre>';
        $safe = htmlspecialchars($_GET['name']);
        // ok: php-xss-tainted-html-string
        $html .= "<pre>Hello {$safe}</pre>";
        // ok: php-xss-tainted-html-string
        $html .= '<p>Page ' . intval($_GET['page']) . '</p>';
    }
    // Text that is not markup: a log line, a comparison in SQL.
    // ok: php-xss-tainted-html-string
    error_log('lookup of ' . $_GET['name'] . ' failed');
    // Echo is the echo rule's finding, not this one's.
    // ok: php-xss-tainted-html-string
    echo '<p>' . $_GET['q'] . '</p>';
    return $html;
}
