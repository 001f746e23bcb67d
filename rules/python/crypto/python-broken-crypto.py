import hmac
import os
from Crypto.Cipher import AES, DES
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt(key, data):
    # ruleid: python-broken-crypto
    legacy = DES.new(key, DES.MODE_CBC)
    # ruleid: python-broken-crypto
    ecb = AES.new(key, AES.MODE_ECB)
    # ruleid: python-broken-crypto
    fixed_iv = AES.new(key, AES.MODE_CBC, b"0123456789abcdef")
    # ruleid: python-broken-crypto
    cipher = Cipher(algorithms.AES(key), modes.CBC(b"\x00" * 16))
    # ruleid: python-broken-crypto
    weak_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ok: python-broken-crypto
    good = AES.new(key, AES.MODE_GCM, nonce=os.urandom(12))
    # ok: python-broken-crypto
    good_cipher = Cipher(algorithms.AES(key), modes.CBC(os.urandom(16)))
    # ok: python-broken-crypto
    strong_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # An HMAC has the cipher call's shape but no cipher, mode or IV (its hash is the weak-hash rules' business).
    # ok: python-broken-crypto
    mac = hmac.new(key, b"message", 'md5').digest()
    return legacy, ecb, fixed_iv, cipher, weak_key, good, good_cipher, strong_key, mac
