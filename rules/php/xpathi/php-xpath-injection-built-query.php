<?php
function books_by(SimpleXMLElement $catalog, DOMDocument $doc, PDO $pdo, $author)
{
    // ruleid: php-xpath-injection-built-query
    $books = $catalog->xpath("//book[author='" . $author . "']");
    $xp = new DOMXPath($doc);
    $expr = sprintf("count(//book[author='%s'])", $author);
    // ruleid: php-xpath-injection-built-query
    $count = $xp->evaluate($expr);
    // ok: php-xpath-injection-built-query
    $all = $xp->query('//book');
    // ok: php-xpath-injection-built-query
    $same = $xp->query("//book[author='" . $_GET['author'] . "']");
    // SQL on a database in a file that also uses DOMXPath is not XPath.
    // ok: php-xpath-injection-built-query
    $rows = $pdo->query("SELECT * FROM books WHERE author = '" . $author . "'");
    return [$books, $count, $all, $same, $rows];
}
