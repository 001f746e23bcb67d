fn client(strict: bool) -> reqwest::Result<reqwest::Client> {
    // ruleid: rust-tls-verification-disabled
    let lax = reqwest::Client::builder().danger_accept_invalid_certs(true).build()?;
    // ok: rust-tls-verification-disabled
    let checked = reqwest::Client::builder().danger_accept_invalid_certs(false).build()?;
    let mut ctx = openssl::ssl::SslConnector::builder(openssl::ssl::SslMethod::tls()).unwrap();
    // ruleid: rust-tls-verification-disabled
    ctx.set_verify(SslVerifyMode::NONE);
    // ok: rust-tls-verification-disabled
    ctx.set_verify(SslVerifyMode::PEER);
    Ok(if strict { checked } else { lax })
}
