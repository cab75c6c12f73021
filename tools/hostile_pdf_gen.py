#!/usr/bin/env python3
"""Writes the hostile PDFs of corpus/errors/: small files built to hang, loop
or exhaust a reader, each with one page of ordinary text so that a reader that
survives them has something to read. Python's standard library only.

    python3 tools/hostile_pdf_gen.py corpus/errors     # corpus/make_corpus.sh runs this

  page-tree-loop.pdf   the page tree's root lists itself among its kids, and a
                       second Pages node lists the root again
  deep-page-tree.pdf   the one page sits under 3,000 nested Pages nodes (in an
                       object stream, so the file stays small)
  deep-nesting.pdf     an array nested 5,000 deep and a dictionary nested 5,000
                       deep, named in the page's resources
  form-loop.pdf        a form XObject that draws itself, and two that draw each
                       other
  no-pages.pdf         a page tree with no kids (a damaged PDF can open so)
  damaged-stream.pdf   two pages; the first's content stream is deflated text
                       with bytes flipped in the middle (it reads blank or
                       partly), the second's is whole
  inflate-bomb.pdf     an 11 KB file whose content stream, deflated twice, inflates
                       to 2 GiB of text-showing operators
  truncated-bomb.pdf   the same at 128 MiB in an object-stream file cut before
                       its cross-reference stream (read only once rebuilt)

Output is byte-identical from run to run (no dates, no random numbers).
"""

import sys
import zlib
from pathlib import Path

TEXT = b"BT /F1 12 Tf 72 720 Td (Hostile sample: this page reads normally.) Tj ET\n"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(body, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(body), extra) + body + b"\nendstream"


def write_pdf(path, objects, root=1):
    """objects: {number: bytes of the object's value}. Writes header, objects,
    a classic cross-reference table and trailer with correct offsets."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    Path(path).write_bytes(bytes(out))


def write_compressed_pdf(path, objects, root=1, misplace=None):
    """As write_pdf, but every object that is not a stream goes into one
    deflated object stream, indexed by a cross-reference stream (PDF 1.5):
    thousands of small objects in a few kilobytes. `misplace` {number: bytes}
    moves an uncompressed object's offset in the cross-reference by so many
    bytes (damage)."""
    packed = sorted(n for n in objects if b"stream\n" not in objects[n])
    plain = sorted(n for n in objects if n not in packed)
    size = max(objects) + 3
    objstm, xref_number = size - 2, size - 1
    header, body = bytearray(), bytearray()
    for n in packed:
        header += b"%d %d " % (n, len(body))
        body += objects[n] + b"\n"
    data = zlib.compress(bytes(header) + bytes(body), 9)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n, value in [(n, objects[n]) for n in plain] + [(objstm, stream(data, b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode " % (len(packed), len(header))))]:
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + value + b"\nendobj\n"
    offsets[xref_number] = len(out)
    rows = bytearray()
    for n in range(size):
        if n in offsets:
            rows += bytes([1]) + (offsets[n] + (misplace or {}).get(n, 0)).to_bytes(4, "big") + bytes(2)
        elif n in packed:
            rows += bytes([2]) + objstm.to_bytes(4, "big") + packed.index(n).to_bytes(2, "big")
        else:
            rows += bytes([0]) + bytes(4) + b"\xff\xff"
    rows = zlib.compress(bytes(rows), 9)
    out += b"%d 0 obj\n" % xref_number + stream(
        rows, b"/Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Filter /FlateDecode " % (size, root)) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    Path(path).write_bytes(bytes(out))


def page(parent, contents, resources=b"<< /Font << /F1 5 0 R >> >>"):
    return b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>" % (
        parent, resources, contents)


def page_tree_loop(path):
    write_pdf(path, {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 2 0 R 6 0 R] /Count 3 >>",
        3: page(2, 4),
        4: stream(TEXT),
        5: FONT,
        6: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    })


def deep_page_tree(path, depth=3000):
    first = 10
    objects = {
        1: b"<< /Type /Catalog /Pages %d 0 R >>" % first,
        3: page(first + depth - 1, 4),
        4: stream(TEXT),
        5: FONT,
    }
    for level in range(depth):
        number = first + level
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        kid = number + 1 if level + 1 < depth else 3
        objects[number] = b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, kid)
    write_compressed_pdf(path, objects)


def deep_nesting(path, depth=5000):
    # Indirect, so that the page itself parses and only what it points at is deep.
    resources = b"<< /Font << /F1 5 0 R >> /Deep 6 0 R /Deeper 7 0 R >>"
    write_compressed_pdf(path, {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: page(2, 4, resources),
        4: stream(TEXT),
        5: FONT,
        6: b"[" * depth + b"1" + b"]" * depth,
        7: b"<</A" * depth + b" 1" + b">>" * depth,
    })


def form_loop(path):
    def form(body, names):
        resources = b"<< /Font << /F1 5 0 R >> /XObject << %s >> >>" % names
        return stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources %s " % resources)
    write_pdf(path, {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: page(2, 4, b"<< /Font << /F1 5 0 R >> /XObject << /Self 6 0 R /A 7 0 R >> >>"),
        4: stream(TEXT + b"/Self Do /A Do\n"),
        5: FONT,
        6: form(b"(self) Tj /Self Do\n", b"/Self 6 0 R"),
        7: form(b"/B Do\n", b"/B 8 0 R"),
        8: form(b"/A Do\n", b"/A 7 0 R"),
    })


def no_pages(path):
    write_pdf(path, {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [] /Count 0 >>",
        3: page(2, 4),
        4: stream(TEXT),
        5: FONT,
    })


def damaged_stream(path):
    whole = zlib.compress(TEXT * 40, 9)
    broken = bytearray(whole)
    for at in range(len(broken) // 3, len(broken) // 3 + 24, 3):
        broken[at] ^= 0x5A
    write_pdf(path, {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        3: page(2, 4),
        4: stream(bytes(broken), b"/Filter /FlateDecode "),
        5: FONT,
        6: page(2, 7),
        7: stream(TEXT),
    })


def misplaced_stream(path):
    # The cross-reference stream sends a reader 200 bytes past the start of
    # the page's content stream (Poppler reads the page blank and reports an
    # error); the trailer is in that stream, so rebuilding by the keyword
    # `trailer` (Poppler's, qpdf's) finds none. (30 bytes past, Poppler reads
    # the page blank without a word: that loss stays silent.)
    write_compressed_pdf(path, {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: page(2, 4),
        4: stream(TEXT),
        5: FONT,
    }, misplace={4: 200})


def twice_deflated(unit, total):
    """`unit` repeated to `total` bytes, deflated, and the result deflated
    again, in pieces: the whole never sits in memory."""
    inner = zlib.compressobj(9)
    outer = zlib.compressobj(9)
    out = bytearray()
    piece = unit * ((1 << 24) // len(unit))
    written = 0
    while written < total:
        chunk = piece[: total - written]
        written += len(chunk)
        out += outer.compress(inner.compress(chunk))
    out += outer.compress(inner.flush())
    out += outer.flush()
    return bytes(out)


def bomb_objects(total):
    # One page whose second content stream inflates to `total` bytes. "'"
    # moves to the next line (the leading is 0: the same place) and shows the
    # word, so every one lands on the page: a reader keeps them all.
    body = twice_deflated(b"(imr) ' ", total)
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
           b"/Contents [4 0 R 6 0 R] >>",
        4: stream(TEXT.replace(b" ET", b"")),  # the text object goes on in the next stream
        5: FONT,
        6: stream(body, b"/Filter [/FlateDecode /FlateDecode] "),
    }


def inflate_bomb(path, total=2 << 30):
    write_pdf(path, bomb_objects(total))


def truncated_bomb(path, total=128 << 20):
    # A smaller bomb (past the 64 MB floor) in an object-stream file cut
    # before its cross-reference stream: only a rebuilt cross-reference reads
    # it, and the rebuilt copy must meet the bomb check too.
    write_compressed_pdf(path, bomb_objects(total))
    data = Path(path).read_bytes()
    header = data.rindex(b" 0 obj", 0, data.rindex(b"/Type /XRef"))
    Path(path).write_bytes(data[: data.rindex(b"\n", 0, header) + 1])


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: hostile_pdf_gen.py OUT_DIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    page_tree_loop(out / "page-tree-loop.pdf")
    deep_page_tree(out / "deep-page-tree.pdf")
    deep_nesting(out / "deep-nesting.pdf")
    form_loop(out / "form-loop.pdf")
    no_pages(out / "no-pages.pdf")
    damaged_stream(out / "damaged-stream.pdf")
    misplaced_stream(out / "misplaced-stream.pdf")
    inflate_bomb(out / "inflate-bomb.pdf")
    truncated_bomb(out / "truncated-bomb.pdf")


if __name__ == "__main__":
    main()
