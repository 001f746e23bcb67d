# Renders a small Markdown subset (headings, paragraphs, lists, code blocks, emphasis, links) to an HTML page.
import html
import re
import sys
from urllib.parse import urlsplit

MAX_INPUT_CHARS = 1_000_000
SAFE_SCHEMES = {"http", "https", "mailto", ""}
LINK_RE = re.compile(r"\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)")
CODE_RE = re.compile(r"`([^`\n]{1,500})`")
BOLD_RE = re.compile(r"\*\*([^*\n]{1,500})\*\*")
ITALIC_RE = re.compile(r"\*([^*\n]{1,500})\*")


def safe_href(url):
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in SAFE_SCHEMES else "#"


def render_inline(text):
    out = []
    pos = 0
    for m in LINK_RE.finditer(text):
        out.append(render_emphasis(html.escape(text[pos:m.start()])))
        label = render_emphasis(html.escape(m.group(1)))
        href = html.escape(safe_href(m.group(2)), quote=True)
        out.append(f'<a href="{href}" rel="nofollow noopener">{label}</a>')
        pos = m.end()
    out.append(render_emphasis(html.escape(text[pos:])))
    return "".join(out)


def render_emphasis(escaped):
    escaped = CODE_RE.sub(r"<code>\1</code>", escaped)
    escaped = BOLD_RE.sub(r"<strong>\1</strong>", escaped)
    return ITALIC_RE.sub(r"<em>\1</em>", escaped)


def render(markdown):
    if len(markdown) > MAX_INPUT_CHARS:
        raise ValueError("document too large")
    blocks, para, items, code = [], [], [], None

    def flush():
        if para:
            blocks.append(f"<p>{render_inline(' '.join(para))}</p>")
            para.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{render_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in markdown.splitlines():
        if code is not None:
            if line.startswith("```"):
                blocks.append("<pre><code>" + html.escape("\n".join(code)) + "</code></pre>")
                code = None
            else:
                code.append(line)
            continue
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            code = []
        elif not stripped:
            flush()
        elif m := re.match(r"^(#{1,6})\s+(.*)$", stripped):
            flush()
            level = len(m.group(1))
            blocks.append(f"<h{level}>{render_inline(m.group(2))}</h{level}>")
        elif stripped[:2] in ("- ", "* "):
            if para:
                flush()
            items.append(stripped[2:])
        else:
            if items:
                flush()
            para.append(stripped)
    if code is not None:
        blocks.append("<pre><code>" + html.escape("\n".join(code)) + "</code></pre>")
    flush()
    return "\n".join(blocks)


def page(title, body):
    return (
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head>\n<body>\n{body}\n</body></html>\n"
    )


def main(argv):
    if len(argv) > 2:
        print("usage: markdown_renderer.py [FILE.md]", file=sys.stderr)
        return 2
    source = open(argv[1], encoding="utf-8").read() if len(argv) == 2 else sys.stdin.read()
    first = next((l for l in source.splitlines() if l.startswith("# ")), "# Document")
    sys.stdout.write(page(first[2:].strip(), render(source)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
