"""The part of ftfy.fix_text (ftfy 6.x defaults) that NeuronAtlas reproduces.

OpenAI's simple_tokenizer.basic_clean calls ftfy.fix_text. ftfy is not
installed here, so this module rebuilds the deterministic steps of fix_text
from ftfy's published structure and leaves out its statistical parts.

Kept, in ftfy's order, repeated per line until nothing changes:
  unescape_html ("auto": only lines without '<', and never again after one),
  fix_encoding (subset: whole-line UTF-8 read as Latin-1 or sloppy Windows-1252),
  fix_c1_controls, fix_latin_ligatures, fix_character_width, uncurl_quotes,
  fix_line_breaks, fix_surrogates, remove_terminal_escapes,
  remove_control_chars, NFC normalization.

fix_encoding here re-decodes a line only when (a) the whole line encodes to
Latin-1 or sloppy Windows-1252 bytes that are valid UTF-8 and (b) the line holds
one of the unmistakable mojibake markers of MOJIBAKE_MARKER_RE (a subset of
the sequences ftfy's badness heuristic scores as mojibake): 'Â' or 'Ã' before
a character that stands for a UTF-8 continuation byte (0x80-0xBF), 'ð' before
'Ÿ' or U+009F (emoji), or 'â€' (Windows punctuation). Without (b), legitimate
text such as "Brontë…”" (bytes EB 85 94) would turn into Hangul.

Left out of fix_encoding: the rest of ftfy's is_bad heuristic, the other
single-byte encodings
(windows-1250/1251/1253/1254/1257, iso-8859-2, macroman, cp437),
restore_byte_a0, replace_lossy_sequences, utf-8-variants (CESU-8, Java's
C0 80), and decode_inconsistent_utf8 (mojibake inside otherwise good text).
"""

import html
import html.entities
import re
import unicodedata

MAX_SEGMENT_LENGTH = 1_000_000


def _build_sloppy_windows_1252():
    """Windows-1252, with its five unassigned bytes read as Latin-1 does."""
    table = {}
    for byte in range(256):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            table[byte] = chr(byte)
    return table


SLOPPY_WINDOWS_1252_DECODE = _build_sloppy_windows_1252()
SLOPPY_WINDOWS_1252_ENCODE = {char: byte for byte, char in SLOPPY_WINDOWS_1252_DECODE.items()}


def _build_strict_entities():
    # ftfy decodes only entities that end in ';', plus upper-cased spellings of
    # lower-case names when the upper-case spelling is not an entity itself.
    entities = {}
    for name, char in html.entities.html5.items():
        if name.endswith(";"):
            entities["&" + name] = char
            if name == name.lower():
                upper = "&" + name.upper()
                if html.unescape(upper) == upper:
                    entities[upper] = char.upper()
    return entities


STRICT_ENTITIES = _build_strict_entities()
STRICT_ENTITY_RE = re.compile(r"&#?[0-9A-Za-z]{1,24};")

LIGATURES = {
    ord("Ĳ"): "IJ", ord("ĳ"): "ij", ord("ŉ"): "ʼn",
    ord("Ǳ"): "DZ", ord("ǲ"): "Dz", ord("ǳ"): "dz",
    ord("Ǆ"): "DŽ", ord("ǅ"): "Dž", ord("ǆ"): "dž",
    ord("Ǉ"): "LJ", ord("ǈ"): "Lj", ord("ǉ"): "lj",
    ord("Ǌ"): "NJ", ord("ǋ"): "Nj", ord("ǌ"): "nj",
    ord("ﬀ"): "ff", ord("ﬁ"): "fi", ord("ﬂ"): "fl",
    ord("ﬃ"): "ffi", ord("ﬄ"): "ffl", ord("ﬅ"): "ſt", ord("ﬆ"): "st",
}


def _build_width_map():
    width_map = {0x3000: " "}
    for code in range(0xFF01, 0xFFF0):
        normalized = unicodedata.normalize("NFKC", chr(code))
        if normalized != chr(code):
            width_map[code] = normalized
    return width_map


WIDTH_MAP = _build_width_map()

_CONTINUATION_CHARS = "".join(sorted(
    {SLOPPY_WINDOWS_1252_DECODE[byte] for byte in range(0x80, 0xC0)} | {chr(byte) for byte in range(0x80, 0xC0)}))
MOJIBAKE_MARKER_RE = re.compile("[\u00c2\u00c3][" + re.escape(_CONTINUATION_CHARS) + "]|\u00f0[\u0178\x9f]|\u00e2\u20ac")
SINGLE_QUOTE_RE = re.compile("[\u02bc\u2018-\u201b]")
DOUBLE_QUOTE_RE = re.compile("[\u201c-\u201f]")
C1_CONTROL_RE = re.compile("[\x80-\x9f]")
ANSI_ESCAPE_RE = re.compile("\x1b\\[((?:\\d|;)*)([a-zA-Z])")
SURROGATE_RE = re.compile("[\ud800-\udfff]")
SURROGATE_PAIR_RE = re.compile("[\ud800-\udbff][\udc00-\udfff]")

CONTROL_CHARS = dict.fromkeys(
    list(range(0x00, 0x09)) + [0x0B] + list(range(0x0E, 0x20)) + [0x7F]
    + list(range(0x206A, 0x2070)) + [0xFEFF] + list(range(0xFFF9, 0xFFFD)))


def unescape_strict_entities(text):
    def replace(match):
        entity = match.group(0)
        if entity in STRICT_ENTITIES:
            return STRICT_ENTITIES[entity]
        if entity.startswith("&#"):
            unescaped = html.unescape(entity)
            return entity if ";" in unescaped else unescaped
        return entity

    return STRICT_ENTITY_RE.sub(replace, text)


def _fix_encoding_one_step(text):
    if text.isascii() or not MOJIBAKE_MARKER_RE.search(text):
        return text
    candidates = []
    try:
        candidates.append(text.encode("latin-1"))
    except UnicodeEncodeError:
        pass
    if "\x1a" not in text:
        try:
            candidates.append(bytes(SLOPPY_WINDOWS_1252_ENCODE[char] for char in text))
        except KeyError:
            pass
    for encoded in candidates:
        try:
            return encoded.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return text


def fix_encoding(text):
    while True:
        previous = text
        text = _fix_encoding_one_step(text)
        if text == previous:
            return text


def fix_c1_controls(text):
    return C1_CONTROL_RE.sub(lambda m: SLOPPY_WINDOWS_1252_DECODE[ord(m.group(0))], text)


def uncurl_quotes(text):
    return SINGLE_QUOTE_RE.sub("'", DOUBLE_QUOTE_RE.sub('"', text))


def fix_line_breaks(text):
    return (text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
            .replace("\u2029", "\n").replace("\x85", "\n"))


def fix_surrogates(text):
    if SURROGATE_RE.search(text):
        def combine(match):
            pair = match.group(0)
            return chr(0x10000 + (ord(pair[0]) - 0xD800) * 0x400 + (ord(pair[1]) - 0xDC00))
        text = SURROGATE_PAIR_RE.sub(combine, text)
        text = SURROGATE_RE.sub("\ufffd", text)
    return text


def fix_segment(text, unescape_html):
    while True:
        original = text
        if unescape_html:
            text = unescape_strict_entities(text)
        text = fix_encoding(text)
        text = fix_c1_controls(text)
        text = text.translate(LIGATURES)
        text = text.translate(WIDTH_MAP)
        text = uncurl_quotes(text)
        text = fix_line_breaks(text)
        text = fix_surrogates(text)
        text = ANSI_ESCAPE_RE.sub("", text)
        text = text.translate(CONTROL_CHARS)
        text = unicodedata.normalize("NFC", text)
        if text == original:
            return text


def fix_text(text):
    """ftfy.fix_text's per-line loop over the subset above."""
    out = []
    position = 0
    unescape_html = True
    while position < len(text):
        line_end = text.find("\n", position) + 1
        if line_end == 0:
            line_end = len(text)
        line_end = min(line_end, position + MAX_SEGMENT_LENGTH)
        segment = text[position:line_end]
        if "<" in segment:
            unescape_html = False
        out.append(fix_segment(segment, unescape_html))
        position = line_end
    return "".join(out)
