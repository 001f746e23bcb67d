<?php
$user = $_POST['username'];
// ruleid: php-ldap-injection-tainted
$result = ldap_search($ds, 'ou=people,dc=example,dc=com', "(uid=$user)");
// ok: php-ldap-injection-tainted
$result = ldap_search($ds, 'ou=people,dc=example,dc=com', '(uid=' . ldap_escape($user, '', LDAP_ESCAPE_FILTER) . ')');

function findMembers($ds, $request)
{
    $group = $request->input('group');
    $filter = '(&(objectClass=group)(cn=' . $group . '))';
    // ruleid: php-ldap-injection-tainted
    $entries = ldap_list($ds, 'ou=groups,dc=example,dc=com', $filter, ['member']);
    // ruleid: php-ldap-injection-tainted
    $entry = ldap_read($ds, $_GET['dn'], '(objectClass=*)' . $_GET['extra']);
    // The base DN is not the filter: this rule checks the filter only.
    // ok: php-ldap-injection-tainted
    $entry = ldap_read($ds, 'cn=' . ldap_escape($group, '', LDAP_ESCAPE_DN) . ',ou=groups,dc=example,dc=com', '(objectClass=*)');
    // ok: php-ldap-injection-tainted
    $entries = ldap_search($ds, 'dc=example,dc=com', '(objectClass=person)');
    return $entries;
}
