#!/usr/bin/python3
"""An independent safetensors writer and reader (struct + json + numpy only; no slope, no
safetensors package), used by dev.slope.nn.io.SafeTensorsInteropTest.

  python3 safetensors_reference.py write reference.safetensors
      writes the fixture tensors below; the output is committed beside this script, and slope must
      load it with these values and write the very same bytes for the same tensors.
  python3 safetensors_reference.py read FILE
      checks FILE against the spec and prints, as JSON, each tensor's dtype, shape and elements
      as unsigned integers holding their raw bits (row-major), plus the metadata.

Layout, as the Hugging Face reference implementation writes it: an 8-byte little-endian header
length N; N bytes of compact JSON, "__metadata__" first, then the tensors ordered by dtype (F64,
F32, I32) and by name, padded with spaces to a multiple of 8; then the data, in the same order.
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F64": np.dtype("<f8"), "F32": np.dtype("<f4"), "I32": np.dtype("<i4")}
BITS = {"F64": np.dtype("<u8"), "F32": np.dtype("<u4"), "I32": np.dtype("<u4")}
ORDER = {"F64": 0, "F32": 1, "I32": 2}


def fixture():
    """The reference tensors; SafeTensorsInteropTest builds the same ones in Java."""
    return {
        "weight": ("F32", (np.arange(6, dtype=np.float64) - 2.5) / 7.0, (2, 3)),
        "bias": ("F32", np.array([0.5, -0.0, np.inf, np.nan]), (4,)),
        "layer.1.wéight": ("F32", np.array([1.0 / 3.0, -1e-30]), (2,)),
        "empty": ("F32", np.zeros(0), (0, 4)),
        "scale": ("F64", np.array([1.0 / 3.0]), ()),
        "table": ("F64", np.arange(8, dtype=np.float64) * 0.1 - 0.35, (2, 2, 2)),
        "labels": ("I32", np.array([0, -1, 7, 2147483647, -2147483648]), (5,)),
    }, {"producer": "independent python writer", "format": "pt"}


def write(path):
    tensors, metadata = fixture()
    names = sorted(tensors, key=lambda n: (ORDER[tensors[n][0]], n.encode("utf-8")))
    header = {"__metadata__": dict(sorted(metadata.items()))}
    blobs, at = [], 0
    for name in names:
        dtype, values, shape = tensors[name]
        blob = values.astype(DTYPES[dtype]).reshape(shape).tobytes(order="C")
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [at, at + len(blob)]}
        blobs.append(blob)
        at += len(blob)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    assert len(raw) >= 8, "shorter than 8 bytes"
    (n,) = struct.unpack("<Q", raw[:8])
    assert 8 + n <= len(raw), "header length beyond the file"
    assert n % 8 == 0, "header not padded to a multiple of 8"
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {})
    out, at = {}, 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        assert set(info) == {"dtype", "shape", "data_offsets"}, name
        begin, end = info["data_offsets"]
        assert begin == at, "gap or overlap at " + name
        count = int(np.prod(info["shape"], dtype=np.int64))
        assert end - begin == count * DTYPES[info["dtype"]].itemsize, "size of " + name
        assert begin % DTYPES[info["dtype"]].itemsize == 0, "unaligned " + name
        values = np.frombuffer(data[begin:end], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        bits = values.view(BITS[info["dtype"]]).reshape(-1)
        out[name] = {"dtype": info["dtype"], "shape": info["shape"], "bits": [int(b) for b in bits]}
        at = end
    assert at == len(data), "trailing bytes"
    json.dump({"tensors": out, "metadata": metadata}, sys.stdout)


if __name__ == "__main__":
    {"write": write, "read": read}[sys.argv[1]](sys.argv[2])
