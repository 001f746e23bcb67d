<?php
// ruleid: php-hardcoded-credential
define('DB_PASSWORD', 'Tr0ub4dor&3');
// ok: php-hardcoded-credential
define('DB_PASSWORD_FIELD', 'pass_word1');
// ok: php-hardcoded-credential
define('DB_HOST', 'db.internal:3306');

class Mailer
{
    // ruleid: php-hardcoded-credential
    private $smtpPassword = 'Sm7p-Pa55!';
    // ok: php-hardcoded-credential
    private $apiKey = '';
    // ruleid: php-hardcoded-credential
    const API_TOKEN = 'ghp_9f8e7d6c5b4a39281706';
}

function connect()
{
    // ruleid: php-hardcoded-credential
    $password = 'hunter2hunter2';
    // ruleid: php-hardcoded-credential
    $config['db_password'] = getenv('DB_PASSWORD') ?: 'p@ssw0rd';
    // ok: php-hardcoded-credential
    $secret = getenv('APP_SECRET');
    // ok: php-hardcoded-credential
    $passwordPrompt = 'Password (8+ chars):';
    // ok: php-hardcoded-credential
    $token = "{$prefix}-{$suffix}";
    $options = [
        // ruleid: php-hardcoded-credential
        'client_secret' => 'c1i3nt-s3cr3t-v4lue',
        // ok: php-hardcoded-credential
        'password' => '<your-password>',
    ];
    // ruleid: php-hardcoded-credential
    $pdo = new PDO('mysql:host=db;dbname=app', 'app', 'Winter2024!');
    // ok: php-hardcoded-credential
    $db = new PDO('mysql:host=db;dbname=app', 'app', getenv('DB_PASSWORD'));
    // ruleid: php-hardcoded-credential
    $link = mysqli_connect('db', 'app', 'S3cr3t!pw', 'app');
    return [$pdo, $db, $link, $options];
}
