<?php
function calculate()
{
    $expr = $_GET['expr'];
    // ruleid: php-code-injection-eval
    $result = eval("return " . $expr . ";");
    // ruleid: php-code-injection-eval
    eval($expr);
    // ok: php-code-injection-eval
    eval('return 6 * 7;');
    // ok: php-code-injection-eval
    assert($result > 0);
    // ruleid: php-code-injection-eval
    assert("is_numeric(" . $expr . ")");
    return $result;
}

// A template compiler's own parameter: whether callers pass untrusted text cannot be told here, so this is
// reported at low confidence (php-code-injection-tainted reports request data at high confidence).
function renderCompiled($compiledSource)
{
    // ruleid: php-code-injection-eval
    return eval('?>' . $compiledSource);
}
