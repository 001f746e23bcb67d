import os
import psycopg2

# ruleid: python-hardcoded-credential
DB_PASSWORD = "s3cr3t-Pa55w0rd"
# ruleid: python-hardcoded-credential
STRIPE_API_KEY = "sk_live_51Habcdefghijklmnop"
# ok: python-hardcoded-credential
PASSWORD_FIELD = ""
# ok: python-hardcoded-credential
API_KEY = os.environ["API_KEY"]
# ok: python-hardcoded-credential
password_prompt = "Enter your password: "


def connect():
    # ruleid: python-hardcoded-credential
    return psycopg2.connect(host="db", user="app", password="hunter2hunter2")


def connect_safely():
    # ok: python-hardcoded-credential
    return psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
