# Parses web server access logs (combined format) and prints request counts, error rates and top paths.
import argparse
import gzip
import re
import sys
from collections import Counter
from datetime import datetime

LINE_RE = re.compile(
    r'^(?P<ip>[0-9a-fA-F.:]{1,45}) \S{1,64} (?P<user>\S{1,64}) \[(?P<time>[^\]]{1,40})\] '
    r'"(?P<method>[A-Z]{1,10}) (?P<path>[^ "]{1,2048}) (?P<proto>HTTP/[0-9.]{1,3})" '
    r'(?P<status>\d{3}) (?P<size>\d{1,12}|-)'
)
MAX_LINE = 8192


def open_log(path):
    if path == "-":
        return sys.stdin
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def parse_line(line):
    if len(line) > MAX_LINE:
        return None
    m = LINE_RE.match(line)
    if not m:
        return None
    rec = m.groupdict()
    try:
        rec["time"] = datetime.strptime(rec["time"], "%d/%b/%Y:%H:%M:%S %z")
    except ValueError:
        return None
    rec["status"] = int(rec["status"])
    rec["size"] = 0 if rec["size"] == "-" else int(rec["size"])
    rec["path"] = rec["path"].split("?", 1)[0]
    return rec


def summarise(lines):
    stats = {"total": 0, "bad": 0, "bytes": 0}
    statuses, paths, clients = Counter(), Counter(), Counter()
    first = last = None
    for line in lines:
        rec = parse_line(line.rstrip("\n"))
        if rec is None:
            stats["bad"] += 1
            continue
        stats["total"] += 1
        stats["bytes"] += rec["size"]
        statuses[rec["status"] // 100 * 100] += 1
        paths[rec["path"]] += 1
        clients[rec["ip"]] += 1
        first = rec["time"] if first is None or rec["time"] < first else first
        last = rec["time"] if last is None or rec["time"] > last else last
    return stats, statuses, paths, clients, (first, last)


def printable(text, width=60):
    cleaned = "".join(c if c.isprintable() else "?" for c in text)
    return cleaned if len(cleaned) <= width else cleaned[: width - 3] + "..."


def main(argv=None):
    ap = argparse.ArgumentParser(description="Summarise access logs.")
    ap.add_argument("logs", nargs="+", help="log files (.gz allowed), or - for stdin")
    ap.add_argument("--top", type=int, default=10, choices=range(1, 101), metavar="N")
    args = ap.parse_args(argv)

    combined = Counter()
    for path in args.logs:
        with open_log(path) as f:
            stats, statuses, paths, clients, (first, last) = summarise(f)
        combined.update(paths)
        print(f"== {path}: {stats['total']} requests, {stats['bad']} unparsed lines, {stats['bytes']} bytes")
        if first:
            print(f"   from {first.isoformat()} to {last.isoformat()}")
        total = max(1, stats["total"])
        for klass in sorted(statuses):
            print(f"   {klass // 100}xx: {statuses[klass]} ({100 * statuses[klass] / total:.1f}%)")
        for ip, n in clients.most_common(3):
            print(f"   client {printable(ip)}: {n}")
    print(f"top {args.top} paths:")
    for path, n in combined.most_common(args.top):
        print(f"{n:8d}  {printable(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
