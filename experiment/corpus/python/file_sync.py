# Mirrors a source directory into a destination directory: copies new and changed files, optionally deletes extras.
import argparse
import hashlib
import os
import shutil
import sys
from pathlib import Path


def file_digest(path, chunk_size=1 << 20):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            h.update(chunk)
    return h.hexdigest()


def walk_files(root):
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            full = Path(dirpath, name)
            if full.is_symlink() or not full.is_file():
                continue
            yield full.relative_to(root)


def inside(base, candidate):
    try:
        candidate.resolve().relative_to(base.resolve())
        return True
    except ValueError:
        return False


def needs_copy(src, dst, checksum):
    if not dst.exists():
        return True
    s, d = src.stat(), dst.stat()
    if s.st_size != d.st_size:
        return True
    if checksum:
        return file_digest(src) != file_digest(dst)
    return int(s.st_mtime) > int(d.st_mtime)


def sync(source, dest, delete=False, checksum=False, dry_run=False):
    copied = removed = 0
    wanted = set()
    for rel in walk_files(source):
        wanted.add(rel)
        src, dst = source / rel, dest / rel
        if not inside(dest, dst):
            print(f"skip {rel}: outside destination", file=sys.stderr)
            continue
        if needs_copy(src, dst, checksum):
            print(f"copy {rel}")
            copied += 1
            if not dry_run:
                dst.parent.mkdir(parents=True, exist_ok=True)
                tmp = dst.with_name(dst.name + ".sync-tmp")
                shutil.copy2(src, tmp, follow_symlinks=False)
                os.replace(tmp, dst)
    if delete:
        for rel in list(walk_files(dest)):
            if rel not in wanted:
                print(f"delete {rel}")
                removed += 1
                if not dry_run:
                    (dest / rel).unlink()
    return copied, removed


def main(argv=None):
    parser = argparse.ArgumentParser(description="Mirror SOURCE into DEST.")
    parser.add_argument("source", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--delete", action="store_true", help="remove files in DEST that are not in SOURCE")
    parser.add_argument("--checksum", action="store_true", help="compare contents, not size and time")
    parser.add_argument("-n", "--dry-run", action="store_true")
    args = parser.parse_args(argv)

    if not args.source.is_dir():
        parser.error(f"{args.source}: not a directory")
    if inside(args.source, args.dest) or inside(args.dest, args.source):
        parser.error("source and destination must not contain each other")
    args.dest.mkdir(parents=True, exist_ok=True)
    copied, removed = sync(args.source, args.dest, args.delete, args.checksum, args.dry_run)
    print(f"{copied} copied, {removed} deleted{' (dry run)' if args.dry_run else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
