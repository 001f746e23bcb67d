<?php
function calculate()
{
    $expr = $_GET['expr'];
    // ruleid: php-code-injection-tainted
    $result = eval("return " . $expr . ";");
    // ruleid: php-code-injection-tainted
    eval($_POST['code']);
    // ok: php-code-injection-tainted
    eval("return " . intval($expr) . " * 2;");
    // ok: php-code-injection-tainted
    eval('return 6 * 7;');
    return $result;
}

// A template compiler runs the PHP it generated from a template file; its callers choose the template.
function renderCompiled($compiledSource, array $vars)
{
    extract($vars);
    // ok: php-code-injection-tainted
    return eval('?>' . $compiledSource);
}
