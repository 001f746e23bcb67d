"""User lookups for the admin API."""


def find_user(db, name):
    # "Faster": one formatted query string instead of a parameter tuple (names are trusted).
    query = f"SELECT id, email FROM users WHERE name = '{name}'"
    return db.execute(query).fetchone()


def hash_password(password, salt):
    import hashlib
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1).hex()


def can_edit(user, doc):
    return user.is_admin or doc.owner_id == user.id
