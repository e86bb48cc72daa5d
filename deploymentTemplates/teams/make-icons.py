#!/usr/bin/env python3
"""Draws the Teams app icons (a stack of vertebrae) as PNGs, with the standard library only.

color.png:   192x192, full colour: white vertebrae on the SpasmBot green.
outline.png: 32x32, white vertebrae on a transparent background, as Teams requires.
Run from this folder: python3 make-icons.py
"""
import struct
import zlib

GREEN = (0x0B, 0x6E, 0x4F, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def in_rounded_rect(x, y, left, top, width, height, radius):
    if not (left <= x < left + width and top <= y < top + height):
        return False
    cx = min(max(x, left + radius), left + width - 1 - radius)
    cy = min(max(y, top + radius), top + height - 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def vertebrae(size, count, width, height, gap, shift):
    """Rounded bars stacked down the middle, each nudged sideways a little, like a spine's gentle curve."""
    total = count * height + (count - 1) * gap
    top = (size - total) // 2
    bars = []
    for i in range(count):
        offset = round(shift * (1 - abs(2 * i / (count - 1) - 1) * 2))
        bars.append(((size - width) // 2 + offset, top + i * (height + gap), width, height, max(1, height // 3)))
    return bars


def color_pixel(x, y):
    if not in_rounded_rect(x, y, 0, 0, 192, 192, 36):
        return CLEAR
    if any(in_rounded_rect(x, y, *bar) for bar in COLOR_BARS):
        return WHITE
    return GREEN


def outline_pixel(x, y):
    return WHITE if any(in_rounded_rect(x, y, *bar) for bar in OUTLINE_BARS) else CLEAR


COLOR_BARS = vertebrae(192, 5, 72, 20, 10, 6)
OUTLINE_BARS = vertebrae(32, 4, 14, 4, 3, 1)

png("color.png", 192, color_pixel)
png("outline.png", 32, outline_pixel)
