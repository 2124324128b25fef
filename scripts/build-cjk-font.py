#!/usr/bin/env python3
"""Builds Neurite's Simplified Chinese UI font: a subset of Noto Sans CJK SC Regular (SIL Open Font
License 1.1) as WOFF2, so Chinese renders on machines without CJK fonts (issue 16).

The subset holds every character of GB 2312 (its symbols, punctuation and all 6,763 hanzi of levels
1 and 2: the set every Simplified Chinese text encoder and IME covers) plus every non-ASCII
character the app's Chinese texts use (the zh-CN dictionary, the templates' translations), so a
test can check the app never shows a character the font lacks.

Usage (needs fontTools and brotli: Debian `python3-fonttools python3-brotli`; the source font from
Debian `fonts-noto-cjk`, or NotoSansCJK-Regular.ttc / NotoSansCJKsc-Regular.otf from
https://github.com/googlefonts/noto-cjk):

  python3 scripts/build-cjk-font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

Writes src/renderer/src/assets/fonts/NeuriteCJK-Regular.woff2 and prints its size and coverage.
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'src', 'renderer', 'src', 'assets', 'fonts', 'NeuriteCJK-Regular.woff2')
# Every source file that can hold user-visible Chinese: the app's code (not its tests) and the templates.
TEXT_SOURCES = sorted(
    os.path.join(folder, name)
    for folder, _, names in os.walk(os.path.join(ROOT, 'src'))
    for name in names
    if name.endswith(('.ts', '.tsx')) and not name.endswith(('.test.ts', '.test.tsx'))
) + [os.path.join(ROOT, 'resources', 'templates', 'index.json')]
FAMILY = 'Neurite CJK'


def gb2312_characters():
    """Every character GB 2312 encodes: rows 0xA1-0xF7, cells 0xA1-0xFE."""
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    return chars


def app_characters():
    chars = set()
    for path in TEXT_SOURCES:
        with open(path, encoding='utf-8') as f:
            chars.update(c for c in f.read() if ord(c) > 0x7F)
    return chars


def is_chinese(c):
    """Han ideographs, CJK punctuation and full-width forms: the characters Chinese text needs."""
    cp = ord(c)
    return 0x3000 <= cp <= 0x303F or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF


def open_sc(path):
    if path.lower().endswith('.ttc'):
        for font in TTCollection(path).fonts:
            if font['name'].getDebugName(1) == 'Noto Sans CJK SC':
                return font
        raise SystemExit(f'{path} has no "Noto Sans CJK SC" face')
    return TTFont(path)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    font = open_sc(sys.argv[1])
    cmap = font.getBestCmap()
    wanted = gb2312_characters() | app_characters()
    lacking = sorted(c for c in app_characters() if ord(c) not in cmap)
    # Chinese text must render with this font; other symbols the source lacks (arrows, ŷ, ✕) are
    # drawn by the system's fonts, as long as styles.css' unicode-range does not send them here.
    missing = [c for c in lacking if is_chinese(c)]
    if missing:
        raise SystemExit(f'the source font lacks Chinese characters the app uses: {"".join(missing)}')
    if lacking:
        print(f'not in the source font (left to system fonts; keep them out of the unicode-range): {"".join(lacking)}')
    codepoints = sorted(ord(c) for c in wanted if ord(c) in cmap)
    options = subset.Options()
    options.flavor = 'woff2'
    options.layout_features = ['*']
    options.name_IDs = ['*']
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    # A modified version gets its own name (OFL 1.1 §3; upstream reserves the name "Source").
    for record in font['name'].names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f'{FAMILY} Regular'
        elif record.nameID == 6:
            record.string = 'NeuriteCJK-Regular'
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    font.flavor = 'woff2'
    font.save(OUT)
    print(f'{OUT}: {os.path.getsize(OUT)} bytes, {len(codepoints)} characters')


if __name__ == '__main__':
    main()
