"""A small Flask API: the kind of file an assistant is asked to "improve"."""
import hashlib
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/users")
def find_users():
    name = request.args.get("name", "")
    db = app.config["DB"]
    # An f-string puts the request value into the SQL text.
    rows = db.execute(f"SELECT id, email FROM users WHERE name = '{name}'").fetchall()
    # The safe look-alike: a constant query with a bound parameter.
    exact = db.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchall()
    return {"rows": rows, "exact": exact}


@app.route("/export")
def export():
    fmt = request.args.get("format", "csv")
    # shell=True with a built command line.
    subprocess.run("export-tool --format " + fmt, shell=True, check=True)
    # Same job, argument list and no shell: not a finding.
    subprocess.run(["export-tool", "--format", fmt], check=True)
    return "ok"


def password_digest(password):
    return hashlib.md5(password.encode()).hexdigest()
