#!/usr/bin/python3
"""JPEG references made with PIL (libjpeg-turbo), independently of NeuronAtlas's decoders.

Usage:
  jpeg_reference.py draft IN.jpg DENOMINATOR OUT.rgb
      Decodes IN.jpg with PIL's draft mode, which has libjpeg decode at 1/DENOMINATOR scale with its reduced-size
      inverse DCT (DENOMINATOR 1, 2, 4 or 8), writes the RGB pixels row by row to OUT.rgb and prints
      {"width": W, "height": H}. No EXIF orientation is applied.
  jpeg_reference.py encode IN.png OUT.jpg {progressive|cmyk}
      Saves IN.png as a progressive JPEG, or as a CMYK JPEG (PIL writes an Adobe APP14 marker and inverted CMYK, as
      Photoshop does), quality 95.
Needs Debian's python3-pil.
"""
import json
import sys

from PIL import Image


def draft(source, denominator, out):
    image = Image.open(source)
    width, height = image.size
    # draft() picks the largest scale 1/d (d in 8, 4, 2, 1) whose result is still at least the requested size.
    image.draft("RGB", (width // denominator, height // denominator))
    expected = (-(-width // denominator), -(-height // denominator))
    if image.size != expected:
        sys.exit(f"draft gave {image.size}, expected {expected} for 1/{denominator} of {width}x{height}")
    image = image.convert("RGB")
    with open(out, "wb") as f:
        f.write(image.tobytes())
    print(json.dumps({"width": image.size[0], "height": image.size[1]}))


def encode(source, out, kind):
    image = Image.open(source).convert("RGB")
    if kind == "progressive":
        image.save(out, "JPEG", quality=95, progressive=True)
    elif kind == "cmyk":
        image.convert("CMYK").save(out, "JPEG", quality=95)
    else:
        sys.exit(f"unknown kind {kind}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "draft":
        draft(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 5 and sys.argv[1] == "encode":
        encode(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
