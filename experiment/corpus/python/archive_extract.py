# Unpacks .tar, .tar.gz and .zip archives into a directory, refusing members that would land outside it.
import argparse
import sys
import tarfile
import zipfile
from pathlib import Path

MAX_MEMBERS = 20000
MAX_TOTAL_BYTES = 2 * 1024**3


def check_budget(sizes):
    total = 0
    for count, size in enumerate(sizes, start=1):
        if count > MAX_MEMBERS:
            raise ValueError(f"more than {MAX_MEMBERS} members")
        total += size
        if total > MAX_TOTAL_BYTES:
            raise ValueError("archive expands beyond the size limit")
    return total


def extract_tar(archive, dest):
    with tarfile.open(archive, "r:*") as tar:
        members = tar.getmembers()
        check_budget(m.size for m in members)
        tar.extractall(dest, filter="data")
        return len(members)


def extract_zip(archive, dest):
    root = dest.resolve()
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        check_budget(i.file_size for i in infos)
        for info in infos:
            target = (root / info.filename).resolve()
            if target != root and root not in target.parents:
                raise ValueError(f"member escapes destination: {info.filename!r}")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "xb") as out:
                while chunk := src.read(1 << 16):
                    out.write(chunk)
        return len(infos)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__ or "Extract an archive safely.")
    parser.add_argument("archive", type=Path)
    parser.add_argument("-C", "--directory", type=Path, default=Path("."), help="where to extract")
    args = parser.parse_args(argv)

    dest = args.directory
    dest.mkdir(parents=True, exist_ok=True)
    name = args.archive.name.lower()
    try:
        if name.endswith(".zip"):
            count = extract_zip(args.archive, dest)
        elif tarfile.is_tarfile(args.archive):
            count = extract_tar(args.archive, dest)
        else:
            print(f"{args.archive}: not a tar or zip archive", file=sys.stderr)
            return 2
    except (ValueError, OSError, tarfile.TarError, zipfile.BadZipFile) as e:
        print(f"{args.archive}: {e}", file=sys.stderr)
        return 1
    print(f"extracted {count} members into {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
