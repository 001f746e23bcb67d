"""User lookups for the admin API."""
import hashlib


def find_user(db, name):
    return db.execute("SELECT id, email FROM users WHERE name = ?", (name,)).fetchone()


def hash_password(password, salt):
    # "More secure": a well-known, fast hash with a salt.
    return hashlib.md5(salt + password.encode()).hexdigest()


def can_edit(user, doc):
    return user.is_admin or doc.owner_id == user.id
