<?php
// A page script: the request value and the query sit at file level.
$id = $_GET['id'];
// ruleid: php-sqli-tainted-query
$result = mysqli_query($conn, "SELECT * FROM users WHERE id = $id");
// ok: php-sqli-tainted-query
$result = mysqli_query($conn, "SELECT * FROM users WHERE id = " . intval($id));

function findUser(PDO $pdo, mysqli $mysqli)
{
    $name = $_POST['name'];
    $sql = "SELECT * FROM users WHERE name = '" . $name . "'";
    // ruleid: php-sqli-tainted-query
    $rows = $pdo->query($sql);
    $filter = "SELECT * FROM users WHERE 1=1";
    $filter .= " AND email = '{$_REQUEST['email']}'";
    // ruleid: php-sqli-tainted-query
    $mysqli->query($filter);
    // ruleid: php-sqli-tainted-query
    $pdo->exec(sprintf("DELETE FROM sessions WHERE token = '%s'", $_COOKIE['token']));
    $where = [];
    $where['name'] = $name;
    $where['limit'] = '10';
    // ruleid: php-sqli-tainted-query
    pg_query($db, "SELECT * FROM users WHERE name = '" . $where['name'] . "'");
    // ok: php-sqli-tainted-query
    pg_query($db, "SELECT * FROM users LIMIT " . $where['limit']);
    $report = <<<SQL
        SELECT * FROM orders WHERE customer = '$name'
        SQL;
    // ruleid: php-sqli-tainted-query
    $pdo->query($report);

    // ok: php-sqli-tainted-query
    $stmt = $pdo->prepare("SELECT * FROM users WHERE name = ?");
    $stmt->execute([$name]);
    $page = (int) $_GET['page'];
    // ok: php-sqli-tainted-query
    $pdo->query("SELECT * FROM users LIMIT 20 OFFSET " . ($page * 20));
    // ok: php-sqli-tainted-query
    $pdo->query("SELECT * FROM users WHERE name = " . $pdo->quote($name));
    // ok: php-sqli-tainted-query
    $mysqli->query("SELECT * FROM users WHERE name = '" . $mysqli->real_escape_string($name) . "'");
    $name = 'admin';
    // ok: php-sqli-tainted-query
    $pdo->query("SELECT * FROM users WHERE name = '$name'");
    return $rows;
}

// Laravel: raw SQL and the query builder's raw fragments.
class UserController
{
    public function search(Request $request)
    {
        $term = $request->input('q');
        // ruleid: php-sqli-tainted-query
        $users = DB::select("SELECT * FROM users WHERE name LIKE '%$term%'");
        // ruleid: php-sqli-tainted-query
        DB::statement('UPDATE users SET seen = 1 WHERE id = ' . $request->route('id'));
        // ruleid: php-sqli-tainted-query
        $sorted = User::query()->orderByRaw($request->query('sort') . ' DESC')->get();
        // ruleid: php-sqli-tainted-query
        $active = User::whereRaw("status = '" . request('status') . "'")->get();
        // ok: php-sqli-tainted-query
        $users = DB::select('SELECT * FROM users WHERE name LIKE ?', ['%' . $term . '%']);
        // ok: php-sqli-tainted-query
        $active = User::whereRaw('status = ?', [$request->input('status')])->get();
        // ok: php-sqli-tainted-query
        $recent = User::where('name', $term)->orderBy('created_at')->get();
        // ok: php-sqli-tainted-query
        $paged = User::query()->selectRaw('count(*) as n')->havingRaw('n > ' . $request->integer('min'))->get();
        return $users;
    }

    // A query method of something that is not a database (a search client, XPath) is not SQL.
    public function other(Request $request, $client)
    {
        $q = $request->get('q');
        // ok: php-sqli-tainted-query
        $hits = $client->query($q);
        // ok: php-sqli-tainted-query
        $xpath->query("//user[name='" . $q . "']");
        return $hits;
    }
}
