#!/usr/bin/env python3
"""Converts scikit-learn's copy of the UCI handwritten digits into digits.bin.

Run once, with the standard library only:

    pip download --no-deps scikit-learn -d /tmp/sk
    python3 data/digits/extract.py /tmp/sk/scikit_learn-*.whl

It reads sklearn/datasets/data/digits.csv.gz from the wheel (1,797 rows of
64 pixels 0..16 and a label 0..9), fixes the train/test split, writes
data/digits/digits.bin beside this script and prints the figures that the
Rust tests in crates/core/tests/digits.rs check, written out by hand.

The file (all integers little-endian):

    offset 0   8 bytes  magic b"LBDIGITS"
    offset 8   1 byte   format version, 1
    offset 9   2 bytes  number of images, 1797
    offset 11  2 bytes  number of test images, 450 (they come last)
    offset 13  a bit stream, least significant bit of each byte first; per
               image, in file order:
                 11 bits  its row in the source csv (0..1796)
                  4 bits  its label (0..9)
                 64 x 5 bits  its pixels (0..16), row by row from the top left
               then zero bits up to the end of the last byte.

The split, stratified, 45 test images per digit: the row numbers 0..1796 are
shuffled by Fisher-Yates driven by splitmix64 seeded with SEED (for i from
1796 down to 1, swap i with next() % (i + 1)); walking the shuffled rows, a
row goes to the test set while its digit has fewer than 45 test rows, and to
the training set otherwise. The file holds the 1,347 training images, then
the 450 test images, each in shuffled order. The modulo bias of
next() % (i + 1) is below 1e-16 and does not matter: the split is fixed by
this file, not by a claim of uniformity.
"""

import gzip
import hashlib
import os
import sys
import zipfile

SEED = 16
TEST_PER_CLASS = 45
TEST = 10 * TEST_PER_CLASS
PIXELS = 64
MEMBER = "sklearn/datasets/data/digits.csv.gz"
MASK = (1 << 64) - 1


def splitmix64(state):
    """Yields splitmix64 outputs (Steele, Lea & Flood 2014) from a seed."""
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def fnv1a64(data):
    """FNV-1a, 64 bits, over bytes."""
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h


def read_rows(wheel):
    with zipfile.ZipFile(wheel) as z:
        text = gzip.decompress(z.read(MEMBER)).decode("ascii")
    rows = []
    for n, line in enumerate(text.strip().split("\n")):
        values = [float(v) for v in line.split(",")]
        if len(values) != PIXELS + 1 or any(v != int(v) for v in values):
            sys.exit(f"row {n}: expected 65 whole numbers, got {line!r}")
        pixels, label = [int(v) for v in values[:PIXELS]], int(values[PIXELS])
        if not all(0 <= p <= 16 for p in pixels) or not 0 <= label <= 9:
            sys.exit(f"row {n}: a pixel outside 0..16 or a label outside 0..9")
        rows.append((pixels, label))
    return rows


class Bits:
    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, value, width):
        assert 0 <= value < (1 << width)
        self.acc |= value << self.n
        self.n += width
        while self.n >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.n -= 8

    def finish(self):
        if self.n:
            self.out.append(self.acc & 0xFF)
        return bytes(self.out)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = read_rows(sys.argv[1])
    count = len(rows)
    order = list(range(count))
    rng = splitmix64(SEED)
    for i in range(count - 1, 0, -1):
        j = next(rng) % (i + 1)
        order[i], order[j] = order[j], order[i]
    # Stratified: walking the shuffled rows, a row goes to the test set while
    # its digit has fewer than TEST_PER_CLASS test rows, else to training.
    taken = [0] * 10
    train, test = [], []
    for r in order:
        label = rows[r][1]
        if taken[label] < TEST_PER_CLASS:
            taken[label] += 1
            test.append(r)
        else:
            train.append(r)
    order = train + test

    bits = Bits()
    for r in order:
        pixels, label = rows[r]
        bits.put(r, 11)
        bits.put(label, 4)
        for p in pixels:
            bits.put(p, 5)
    blob = b"LBDIGITS" + bytes([1])
    blob += count.to_bytes(2, "little") + TEST.to_bytes(2, "little")
    blob += bits.finish()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "digits.bin")
    with open(path, "wb") as f:
        f.write(blob)

    def classes(rs):
        c = [0] * 10
        for r in rs:
            c[rows[r][1]] += 1
        return c

    source = bytearray()
    for pixels, label in rows:
        source += bytes(pixels) + bytes([label])
    test_rows = b"".join(r.to_bytes(2, "little") for r in test)
    all_pixels = [p for pixels, _ in rows for p in pixels]
    print(f"wrote {path}: {len(blob)} bytes, sha256 {hashlib.sha256(blob).hexdigest()}")
    print(f"images {count}, train {len(train)}, test {len(test)}")
    print(f"pixel range {min(all_pixels)}..{max(all_pixels)}, sum {sum(all_pixels)}")
    print(f"class counts, all   {classes(order)}")
    print(f"class counts, train {classes(train)}")
    print(f"class counts, test  {classes(test)}")
    print(f"fnv1a64 of the source rows (64 pixels then the label, as bytes) {fnv1a64(source):#018x}")
    print(f"fnv1a64 of the test rows (u16 little-endian, file order) {fnv1a64(test_rows):#018x}")
    print(f"first test rows {test[:5]}")


if __name__ == "__main__":
    main()
