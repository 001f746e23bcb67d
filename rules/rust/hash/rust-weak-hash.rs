use sha2::{Digest, Sha256};

fn fingerprint(data: &[u8]) -> Vec<u8> {
    // ruleid: rust-weak-hash
    let legacy = md5::compute(data);
    // ruleid: rust-weak-hash
    let mut old = sha1::Sha1::new();
    old.update(data);
    // ok: rust-weak-hash
    let strong = Sha256::digest(data);
    let _ = (legacy, old);
    strong.to_vec()
}
