import hashlib


def store_password(password):
    # ruleid: python-weak-hash
    digest = hashlib.md5(password.encode()).hexdigest()
    # ruleid: python-weak-hash
    legacy = hashlib.new("sha1", password.encode())
    # ok: python-weak-hash
    strong = hashlib.sha256(password.encode()).hexdigest()
    # ok: python-weak-hash
    etag = hashlib.md5(b"static asset", usedforsecurity=False)
    # ruleid: python-weak-hash
    incremental = hashlib.new('md5')
    incremental.update(password.encode())
    # ok: python-weak-hash
    modern = hashlib.new("sha3_256")
    return digest, legacy, strong, etag, incremental, modern
