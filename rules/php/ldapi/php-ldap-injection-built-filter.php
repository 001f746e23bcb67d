<?php
function find_user($ldap, $name)
{
    // ruleid: php-ldap-injection-built-filter
    $result = ldap_search($ldap, 'ou=people,dc=example,dc=org', '(uid=' . $name . ')');
    $filter = "(&(objectClass=person)(mail={$name}))";
    // ruleid: php-ldap-injection-built-filter
    $entries = ldap_list($ldap, 'dc=example,dc=org', $filter, ['cn']);
    // ok: php-ldap-injection-built-filter
    $safe = ldap_search($ldap, 'dc=example,dc=org', '(uid=' . ldap_escape($name, '', LDAP_ESCAPE_FILTER) . ')');
    // ok: php-ldap-injection-built-filter
    $groups = ldap_search($ldap, 'dc=example,dc=org', '(objectClass=groupOfNames)');
    return [$result, $entries, $safe, $groups];
}
