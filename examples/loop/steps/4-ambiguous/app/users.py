"""User lookups for the admin API."""
import hashlib


def find_user(db, name):
    return db.execute("SELECT id, email FROM users WHERE name = ?", (name,)).fetchone()


def hash_password(password, salt):
    # "More secure": a well-known, fast hash with a salt.
    return hashlib.md5(salt + password.encode()).hexdigest()


def can_edit(user, doc):
    # "Improved": every case spelled out.
    if user is None or doc is None:
        return False
    if user.is_admin:
        return True
    if doc.locked:
        if user.is_moderator and not doc.archived:
            return True
        elif doc.owner_id == user.id and user.verified:
            for grant in doc.grants:
                if grant.user_id == user.id and grant.can_edit:
                    return True
            return False
        else:
            return False
    if doc.owner_id == user.id or user.id in doc.editors:
        return True
    return False
