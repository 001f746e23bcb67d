<?php
function greet()
{
    // ruleid: php-xss-echo-request
    echo "<h1>Hello " . $_GET['name'] . "</h1>";
    // ruleid: php-xss-echo-request
    echo $_POST['comment'];
    // ok: php-xss-echo-request
    echo "<h1>Hello " . htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8') . "</h1>";
    // ok: php-xss-echo-request
    echo "<h1>Hello</h1>";
}
