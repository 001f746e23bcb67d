# Command-line backup tool: dumps a PostgreSQL database with pg_dump, compresses it, and prunes old backups.
import argparse
import datetime as dt
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

DB_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def run_dump(database, host, port, user, out_path):
    cmd = ["pg_dump", "--format=plain", "--no-owner", "--host", host, "--port", str(port), "--username", user, "--", database]
    with open(out_path, "wb") as out:
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, timeout=3600, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"pg_dump failed ({proc.returncode}): {proc.stderr.decode(errors='replace').strip()}")


def compress(path):
    gz_path = path.with_suffix(path.suffix + ".gz")
    with open(path, "rb") as src, gzip.open(gz_path, "wb", compresslevel=6) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    path.unlink()
    return gz_path


def prune(directory, database, keep):
    backups = sorted(directory.glob(f"{database}-*.sql.gz"), reverse=True)
    removed = []
    for old in backups[keep:]:
        old.unlink()
        removed.append(old.name)
    return removed


def parse_args(argv):
    p = argparse.ArgumentParser(description="Back up a PostgreSQL database.")
    p.add_argument("database")
    p.add_argument("--dir", type=Path, default=Path("backups"))
    p.add_argument("--host", default=os.environ.get("PGHOST", "localhost"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PGPORT", "5432")))
    p.add_argument("--user", default=os.environ.get("PGUSER", "postgres"))
    p.add_argument("--keep", type=int, default=7, help="how many backups to keep")
    args = p.parse_args(argv)
    if not DB_NAME_RE.match(args.database):
        p.error("database name may contain only letters, digits and underscores")
    if not 1 <= args.port <= 65535:
        p.error("port out of range")
    if args.keep < 1:
        p.error("--keep must be at least 1")
    return args


def main(argv=None):
    args = parse_args(argv)
    args.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    raw = args.dir / f"{args.database}-{stamp}.sql"
    old_umask = os.umask(0o077)
    try:
        run_dump(args.database, args.host, args.port, args.user, raw)
        final = compress(raw)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
        raw.unlink(missing_ok=True)
        print(f"backup failed: {e}", file=sys.stderr)
        return 1
    finally:
        os.umask(old_umask)
    size = final.stat().st_size
    print(f"wrote {final} ({size} bytes)")
    for name in prune(args.dir, args.database, args.keep):
        print(f"pruned {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
