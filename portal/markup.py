"""The tiny text markup of Meja Tulis, and its conversion to and from rich text.

Operators write in a plain textarea, so the formatting must survive without
JavaScript. The markup, as the form explains it:

- a blank line starts a new paragraph; a single line break stays a line break;
- ``**bold**``;
- lines starting with ``- `` make a bulleted list, lines starting with ``1. `` a
  numbered list;
- ``## Heading`` and ``### Subheading`` on a line of their own;
- ``[text](https://…)`` a link; only http and https addresses become links.

Everything else is text: it is escaped, so no HTML written by hand reaches a page.
`to_rich_text` gives the HTML Wagtail's `RichTextField` stores; `to_markup` gives
the markup back for editing, and says whether the stored text held something the
markup cannot carry (pictures in the text, links to pages or documents, italics),
which an edit in Meja Tulis would drop.
"""

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
NUMBER = re.compile(r"^\s*\d+[.)]\s+(.*)$")
HEADING = re.compile(r"^(#{2,3})\s+(.*)$")
LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")


def is_web_address(url):
    """Whether `url` is an absolute http or https address."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _bold(escaped):
    return BOLD.sub(r"<b>\1</b>", escaped)


def _inline(text):
    out = []
    position = 0
    for match in LINK.finditer(text):
        label, url = match.groups()
        if not is_web_address(url):
            continue
        out.append(_bold(escape(text[position : match.start()], quote=False)))
        out.append(f'<a href="{escape(url)}">{_bold(escape(label, quote=False))}</a>')
        position = match.end()
    out.append(_bold(escape(text[position:], quote=False)))
    return "".join(out)


def _runs(lines):
    """Group a block's lines into runs of ("ul" | "ol" | "p", [text])."""
    runs = []
    for line in lines:
        if bullet := BULLET.match(line):
            kind, text = "ul", bullet.group(1)
        elif number := NUMBER.match(line):
            kind, text = "ol", number.group(1)
        else:
            kind, text = "p", line.strip()
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(text)
        else:
            runs.append((kind, [text]))
    return runs


def to_rich_text(text):
    """The rich-text HTML of markup `text` (see the module docstring)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    html = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        for kind, items in _runs(lines):
            if kind == "p":
                html.extend(_paragraph(items))
            else:
                entries = "".join(f"<li>{_inline(item)}</li>" for item in items)
                html.append(f"<{kind}>{entries}</{kind}>")
    return "".join(html)


def _paragraph(lines):
    html = []
    current = []
    for line in lines:
        if heading := HEADING.match(line):
            if current:
                html.append(f"<p>{'<br/>'.join(current)}</p>")
                current = []
            tag = "h2" if len(heading.group(1)) == 2 else "h3"
            html.append(f"<{tag}>{_inline(heading.group(2))}</{tag}>")
        else:
            current.append(_inline(line))
    if current:
        html.append(f"<p>{'<br/>'.join(current)}</p>")
    return html


class _MarkupWriter(HTMLParser):
    BLOCKS = {"p": "", "h2": "## ", "h3": "### ", "h4": "### ", "h1": "## "}
    DROPPED = {"embed", "img", "i", "em", "iframe"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.line = None
        self.lists = []
        self.links = []
        self.lossy = False

    def _start_line(self, prefix):
        self._end_line()
        self.line = [prefix]

    def _end_line(self):
        if self.line is not None:
            text = "".join(self.line).strip()
            if text:
                self.blocks.append((bool(self.lists), text))
            self.line = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.BLOCKS and not self.lists:
            self._start_line(self.BLOCKS[tag])
        elif tag in ("ul", "ol"):
            self._end_line()
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists:
            kind = self.lists[-1]
            kind[1] += 1
            self._start_line("- " if kind[0] == "ul" else f"{kind[1]}. ")
        elif tag in ("b", "strong"):
            self._text("**")
        elif tag == "br":
            self._text("\n")
        elif tag == "a":
            href = attrs.get("href") or ""
            if attrs.get("linktype") or not is_web_address(href):
                self.lossy = True
                self.links.append(None)
            else:
                self.links.append(href)
                self._text("[")
        elif tag in self.DROPPED:
            self.lossy = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if (tag in self.BLOCKS and not self.lists) or tag == "li":
            self._end_line()
        elif tag in ("ul", "ol") and self.lists:
            self._end_line()
            self.lists.pop()
        elif tag in ("b", "strong"):
            self._text("**")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href is not None:
                self._text(f"]({href})")

    def handle_data(self, data):
        if self.line is None:
            if not data.strip():
                return
            self.line = [""]
        self._text(re.sub(r"\s+", " ", data))

    def _text(self, text):
        if self.line is None:
            self.line = [""]
        self.line.append(text)

    def markup(self):
        self._end_line()
        out = []
        previous_in_list = None
        for in_list, text in self.blocks:
            text = "\n".join(part.strip() for part in text.split("\n"))
            if out:
                out.append("\n" if in_list and previous_in_list else "\n\n")
            out.append(text)
            previous_in_list = in_list
        return "".join(out)


def to_markup(html):
    """(markup, lossy): the markup for stored rich text `html`, and whether the
    text held something the markup cannot carry."""
    writer = _MarkupWriter()
    writer.feed(html or "")
    writer.close()
    return writer.markup(), writer.lossy
