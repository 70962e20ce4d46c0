"""The teaching diagrams in ``notebooks/figures``: hand-drawn SVG that must stay valid, self-contained,
readable and accessible, and whose text alternative, numbers and sources agree with
``notebooks/figures/SOURCES.md``, with notebook 01 and with ``mgk_helpers``.

``SOURCES.md`` is a public, reader-facing page of the course website ("Sources of the diagrams"), so it
holds no notes for maintainers; the layout these tests read is stated here instead:

* one section ``## <file name>`` per figure;
* in it, one line ``**Title:** …`` holding the figure's ``<title>``, and one line ``**Alt text:** …``
  holding its text alternative on one line. The same words are the SVG's ``<desc>`` and the ``alt`` of the
  figure's ``<img>`` in the notebooks: change all three together;
* every number printed on a figure (a percentage, or an amount in mmol, mmol/L, mmol/kg or g) also appears
  in the figure's section, next to its source;
* one ``- [short name] …`` entry per source, the short name spelt as in the figure's one-line "Sources:"
  footer. A source new to the project also belongs in ``docs/REFERENCES.md``.

Label overlap is checked without a browser: each line of text gets a box from the advance widths of DejaVu
Sans (the first, and widest, font of the figures' font stack; measured in Chromium at 100 px and rounded up
into a few width classes), its font size, weight and anchor.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from mgk_helpers.model import Params, steady_state
from mgk_helpers.model.equations import SERUM_MG_REF
from mgk_helpers.model.units import MOLAR_MASS_G_PER_MOL
from mgk_helpers.plots.theme import OKABE_ITO
from mgk_helpers.reference import K_NORMAL, MG_NORMAL

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "notebooks" / "figures"
NOTEBOOK_01 = ROOT / "notebooks" / "01_electrolytes_and_the_kidney.ipynb"
NAMES = ("principal_cell.svg", "nephron_mg.svg", "body_stores.svg")

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
S = f"{{{SVG_NS}}}"

MAX_BYTES = 60_000
MIN_FONT_PX = 12.0
VIEWBOX_WIDTH = (800.0, 1000.0)
GENERIC_FAMILIES = ("sans-serif", "serif", "monospace")
#: Elements that would load or run something, or hide content from some viewers.
FORBIDDEN_TAGS = {"script", "foreignObject", "image", "iframe", "video", "audio", "a", "feImage"}
#: Answer sites, mirrors, personal notes and content farms are not sources (the list of tests/test_data.py).
NOT_SOURCES = re.compile(
    r"droracle|wilddata|healthjade|cjdbarlow|Part-One|wikipedia|labtests\.co|kelmac|ecgedu|scribd|slideplayer|"
    r"studylib|benchchem|rrnursing|globalrph|issuhub|guidelinegenius|acutegp|DOMAIN|domain brief",
    re.IGNORECASE,
)

#: DejaVu Sans advance widths in em, regular weight, rounded up into classes; anything else is 0.64 em.
_WIDTH_CLASSES = {
    0.30: "'ijlIJ,. ",
    0.36: "/:;\\|f-",
    0.42: "()[]t!²₂r",
    0.55: '"*_`–szc?⁺⁻',
    0.70: "ABCKRVXZ",
    0.80: "UHNDG&OQw",
    0.86: "#+<=>^~×÷→−≈M",
    1.00: "%mW@",
}
_EM = {ch: w for w, chars in _WIDTH_CLASSES.items() for ch in chars}
BOLD_FACTOR = 1.12  # bold DejaVu Sans is 5–11 % wider
ASCENT, DESCENT = 0.80, 0.24  # em above and below the baseline


# ----------------------------------------------------------------------------------------------------------
# reading the figures and SOURCES.md


def _path(name: str) -> Path:
    return FIGURES / name


def _root(name: str) -> ET.Element:
    return ET.parse(_path(name)).getroot()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _viewbox(root: ET.Element) -> tuple[float, float, float, float]:
    values = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip())]
    assert len(values) == 4, root.get("viewBox")
    return values[0], values[1], values[2], values[3]


def _parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def _style(el: ET.Element) -> dict[str, str]:
    """Presentation attributes, overridden by the ``style`` attribute."""
    props = {k: v for k, v in el.attrib.items() if "}" not in k}
    for decl in el.get("style", "").split(";"):
        if ":" in decl:
            key, value = decl.split(":", 1)
            props[key.strip()] = value.strip()
    return props


def _inherited(el: ET.Element, prop: str, parents: dict[ET.Element, ET.Element], default: str = "") -> str:
    while el is not None:
        value = _style(el).get(prop)
        if value is not None:
            return value
        el = parents.get(el)
    return default


def _px(value: str) -> float:
    m = re.fullmatch(r"\s*([\d.]+)\s*(px)?\s*", value)
    assert m, f"font size {value!r} is not a plain number of px"
    return float(m.group(1))


def _texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{S}text"))


def _visible_strings(root: ET.Element) -> list[str]:
    return [" ".join("".join(t.itertext()).split()) for t in _texts(root)]


def _sources_sections() -> dict[str, str]:
    text = (FIGURES / "SOURCES.md").read_text(encoding="utf-8")
    sections: dict[str, str] = {}
    for block in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = block.partition("\n")
        sections[heading.strip().strip("`")] = body
    return sections


def _field(section: str, label: str) -> str:
    lines = [line for line in section.splitlines() if line.startswith(f"**{label}:**")]
    assert len(lines) == 1, f"expected one **{label}:** line, found {len(lines)}"
    return lines[0].removeprefix(f"**{label}:**").strip()


def _source_keys(section: str) -> set[str]:
    return set(re.findall(r"^- \[([^\]]+)\]", section, flags=re.MULTILINE))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


_NUM = r"\d+(?:[.,]\d+)*"
_QUANTITY = re.compile(rf"(?<![\d.,–-])({_NUM}(?:\s*[–-]\s*{_NUM})?)\s*(%|mmol/kg|mmol/L|mmol|g)(?![\w/])")


def _quantities(strings: list[str]) -> set[str]:
    """Every number with a unit (%, mmol, mmol/L, mmol/kg, g) in the strings, without spaces:
    '≈ 60–65 mmol' → '60–65mmol'."""
    return {_squash(num + unit) for s in strings for num, unit in _QUANTITY.findall(s)}


def _contains_quantity(haystack: str, token: str) -> bool:
    """Whether the text states this quantity (read the same way: '60–65 mmol' is not in '60–65 mmol/L')."""
    return token in _quantities([haystack])


def _body_text(root: ET.Element) -> list[str]:
    """Visible strings, without the one-line 'Sources:' footer (its years and pages are not quantities)."""
    return [s for s in _visible_strings(root) if not s.startswith("Sources:")]


# ----------------------------------------------------------------------------------------------------------
# colours


def _rgb(colour: str) -> tuple[int, int, int] | None:
    c = colour.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{3}", c):
        c = "#" + "".join(ch * 2 for ch in c[1:])
    if re.fullmatch(r"#[0-9a-fA-F]{6}", c):
        return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)
    return {"white": (255, 255, 255), "black": (0, 0, 0)}.get(c.lower())


def _luminance(rgb: tuple[int, int, int]) -> float:
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast_with_white(rgb: tuple[int, int, int]) -> float:
    return 1.05 / (_luminance(rgb) + 0.05)


ALLOWED_COLOURS = {_rgb(c) for c in OKABE_ITO.values()}


def _allowed(colour: str) -> bool:
    """Okabe–Ito, neutral greys (black and white included), 'none' and the figure's own patterns."""
    if colour in ("none", "transparent") or re.fullmatch(r"url\(#[\w-]+\)", colour):
        return True
    rgb = _rgb(colour)
    return rgb is not None and (rgb in ALLOWED_COLOURS or rgb[0] == rgb[1] == rgb[2])


# ----------------------------------------------------------------------------------------------------------
# text boxes


def _em_width(text: str) -> float:
    return sum(_EM.get(ch, 0.64) for ch in text)


def _line_segments(t: ET.Element, parents: dict[ET.Element, ET.Element]) -> list[dict]:
    """The lines of one <text>: {'x', 'y', 'segments': [(text, font size, bold)]}.

    A <tspan> with x, y or dy starts a new line; any other <tspan> continues the line in its own style.
    """
    x, y = float(t.get("x", "0")), float(t.get("y", "0"))
    lines: list[dict] = [{"x": x, "y": y, "segments": []}]
    pieces: list[tuple[ET.Element, str | None, bool]] = [(t, t.text, False)]
    for span in t:
        starts_line = any(k in span.attrib for k in ("x", "y", "dy"))
        pieces += [(span, "".join(span.itertext()), starts_line), (t, span.tail, False)]
    for el, text, starts_line in pieces:
        if starts_line:
            y = float(el.get("y", y)) + float(el.get("dy", "0"))
            lines.append({"x": float(el.get("x", x)), "y": y, "segments": []})
        if text and text.strip():
            size = _px(_inherited(el, "font-size", parents, "16"))
            weight = _inherited(el, "font-weight", parents, "normal")
            lines[-1]["segments"].append((text, size, weight in ("bold", "bolder", "600", "700", "800")))
    return [line for line in lines if line["segments"]]


def _text_boxes(root: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of every line of text, in viewBox units."""
    parents = _parents(root)
    boxes = []
    for t in _texts(root):
        anchor = _inherited(t, "text-anchor", parents, "start")
        for line in _line_segments(t, parents):
            segments = line["segments"]
            text = "".join(s for s, _size, _bold in segments).strip()
            width = sum(_em_width(s) * size * (BOLD_FACTOR if bold else 1) for s, size, bold in segments)
            size = max(size for _s, size, _bold in segments)
            left = line["x"] - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
            boxes.append((text, left, line["y"] - ASCENT * size, left + width, line["y"] + DESCENT * size))
    return boxes


# ----------------------------------------------------------------------------------------------------------
# every figure


@pytest.mark.parametrize("name", NAMES)
def test_valid_svg_with_a_viewbox_and_matching_size(name: str) -> None:
    path = _path(name)
    assert path.stat().st_size < MAX_BYTES, f"{name}: {path.stat().st_size} bytes"
    root = _root(name)  # raises if the XML is not well formed
    assert root.tag == f"{S}svg"
    x0, y0, width, height = _viewbox(root)
    assert (x0, y0) == (0, 0)
    assert VIEWBOX_WIDTH[0] <= width <= VIEWBOX_WIDTH[1], width
    # width and height equal the viewBox: GitHub and JupyterLab show it at a sane size and shrink it to fit
    assert float(root.get("width", "nan")) == width
    assert float(root.get("height", "nan")) == height
    assert root.get("preserveAspectRatio", "xMidYMid meet") != "none"


@pytest.mark.parametrize("name", NAMES)
def test_accessible_name_and_description_match_sources_md(name: str) -> None:
    root = _root(name)
    section = _sources_sections()[name]
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby", "").split()
    title, desc = root.find(f"{S}title"), root.find(f"{S}desc")
    assert title is not None and desc is not None, "<title> and <desc> must be children of <svg>"
    assert ids == [title.get("id"), desc.get("id")], ids
    all_ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(set(all_ids)) == len(all_ids), "duplicate ids"
    title_text, desc_text = " ".join((title.text or "").split()), " ".join((desc.text or "").split())
    assert 0 < len(title_text) <= 100
    assert title_text == _field(section, "Title")
    # the full alt text: the same words in the SVG, in SOURCES.md and (by the convention) in the notebook cell
    assert len(desc_text) >= 200
    assert desc_text == _field(section, "Alt text")


@pytest.mark.parametrize("name", NAMES)
def test_self_contained(name: str) -> None:
    raw = _path(name).read_text(encoding="utf-8")
    assert set(re.findall(r"https?://[^\s\"'<>)]+", raw)) <= {SVG_NS, XLINK_NS}
    assert not re.search(r"@import|@font-face|data:", raw)
    for el in _root(name).iter():
        assert _local(el.tag) not in FORBIDDEN_TAGS, el.tag
        for key, value in el.attrib.items():
            if _local(key) == "href":
                assert value.startswith("#"), (el.tag, value)
            for url in re.findall(r"url\(([^)]*)\)", value):
                assert url.startswith("#"), (el.tag, key, value)


@pytest.mark.parametrize("name", NAMES)
def test_generic_fonts_of_readable_size(name: str) -> None:
    root = _root(name)
    parents = _parents(root)
    for el in root.iter():
        if _local(el.tag) not in ("text", "tspan"):
            continue
        family = _inherited(el, "font-family", parents)
        assert any(g in family for g in GENERIC_FAMILIES), (el.text, family)
        size = _px(_inherited(el, "font-size", parents, "16"))
        assert size >= MIN_FONT_PX, (el.text, size)


@pytest.mark.parametrize("name", NAMES)
def test_solid_light_background(name: str) -> None:
    root = _root(name)
    *_, width, height = _viewbox(root)
    shapes = [el for el in root if _local(el.tag) not in ("title", "desc", "defs", "style")]
    first = shapes[0]
    assert _local(first.tag) == "rect", first.tag
    assert float(first.get("x", "0")) <= 0 and float(first.get("y", "0")) <= 0
    assert float(first.get("width", "0")) >= width and float(first.get("height", "0")) >= height
    style = _style(first)
    assert float(style.get("fill-opacity", style.get("opacity", "1"))) == 1
    rgb = _rgb(style.get("fill", ""))
    assert rgb is not None and _luminance(rgb) >= 0.85, style.get("fill")


@pytest.mark.parametrize("name", NAMES)
def test_okabe_ito_palette_and_dark_text(name: str) -> None:
    root = _root(name)
    parents = _parents(root)
    for el in root.iter():
        style = _style(el)
        for prop in ("fill", "stroke", "stop-color", "color"):
            if prop in style:
                assert _allowed(style[prop]), (el.tag, prop, style[prop])
        if _local(el.tag) in ("text", "tspan") and "".join(el.itertext()).strip():
            rgb = _rgb(_inherited(el, "fill", parents, "black"))
            assert rgb is not None and _contrast_with_white(rgb) >= 4.5, (el.text, rgb)


@pytest.mark.parametrize("name", NAMES)
def test_schematic_label_and_one_line_sources_footer(name: str) -> None:
    strings = _visible_strings(_root(name))
    assert any("Schematic, not to scale" in s for s in strings)
    footers = [s for s in strings if s.startswith("Sources:")]
    assert len(footers) == 1, footers
    keys = _source_keys(_sources_sections()[name])
    cited = [re.sub(r"\s*\([^)]*\)", "", item).strip().rstrip(".") for item in footers[0][8:].split(";")]
    assert cited and all(cited), cited
    for short in cited:
        assert short in keys, f"{name}: the footer cites {short!r}, not listed for it in SOURCES.md"


@pytest.mark.parametrize("name", NAMES)
def test_every_number_on_the_figure_is_in_sources_md(name: str) -> None:
    # the alt text repeats the figure's numbers, so it does not count as citing them
    section = "\n".join(
        line for line in _sources_sections()[name].splitlines() if not line.startswith("**Alt text:**")
    )
    for token in sorted(_quantities(_body_text(_root(name)))):
        assert _contains_quantity(section, token), f"{name}: {token} is on the figure but not in SOURCES.md"


@pytest.mark.parametrize("name", NAMES)
def test_unicode_ion_notation(name: str) -> None:
    root = _root(name)
    strings = _visible_strings(root) + [root.find(f"{S}title").text or "", root.find(f"{S}desc").text or ""]
    ascii_ion = re.compile(r"(?<![A-Za-z])(?:Na|K|Mg|Ca|Cl)(?:\d?\+|\+\+|\d?-(?![A-Za-z]))")
    for s in strings:
        assert not ascii_ion.search(s), s
    assert any(ion in " ".join(strings) for ion in ("Na⁺", "K⁺", "Mg²⁺"))


@pytest.mark.parametrize("name", NAMES)
def test_labels_do_not_overlap_and_stay_inside(name: str) -> None:
    root = _root(name)
    *_, width, height = _viewbox(root)
    boxes = _text_boxes(root)
    assert boxes
    for box in boxes:
        _text, left, top, right, bottom = box
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, box
    for a, b in combinations(boxes, 2):
        dx = min(a[3], b[3]) - max(a[1], b[1])
        dy = min(a[4], b[4]) - max(a[2], b[2])
        assert dx <= 1 or dy <= 1, f"{name}: {a[0]!r} overlaps {b[0]!r}"


def test_sources_md_covers_exactly_the_figures_and_cites_no_answer_sites() -> None:
    sections = _sources_sections()
    assert set(sections) == set(NAMES)
    text = (FIGURES / "SOURCES.md").read_text(encoding="utf-8")
    assert not NOT_SOURCES.search(text)
    for name, section in sections.items():
        assert _source_keys(section), name


#: Notes for maintainers that must not appear on the public page.
MAINTAINER_NOTES = re.compile(
    r"not yet in docs/REFERENCES|check before publishing|in this session|not re-read|"
    r"not given in the repository|title not given|volume and pages not checked|read by `?tests/|TODO|FIXME",
    re.IGNORECASE,
)


def test_sources_md_is_a_reader_facing_page() -> None:
    text = (FIGURES / "SOURCES.md").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# Sources of the diagrams"
    assert len(re.findall(r"^# ", text, flags=re.MULTILINE)) == 1, "one H1 title"
    assert not MAINTAINER_NOTES.search(text), MAINTAINER_NOTES.search(text)
    # every source entry names its authors (or body) in bold, not a placeholder such as "JASN review PMC…"
    for name, section in _sources_sections().items():
        for entry in re.findall(r"^- \[[^\]]+\] (.*)$", section, flags=re.MULTILINE):
            assert entry.startswith("**"), (name, entry)
            assert not re.match(r"\*\*[A-Z]+ review", entry), (name, entry)


# ----------------------------------------------------------------------------------------------------------
# what each figure must show


def test_principal_cell_shows_the_transport_and_the_hypothesis_dashed() -> None:
    root = _root("principal_cell.svg")
    text = " ".join(_visible_strings(root))
    labels = ("ENaC", "ROMK", "BK", "Na⁺/K⁺-ATPase", "3 Na⁺", "2 K⁺", "Aldosterone", "MR", "Lumen negative")
    for label in labels:
        assert label in text, label
    assert "HYPOTHESIS (Huang & Kuo 2007)" in text
    # the segments where principal cells secrete K+, and where most flow-activated BK channels are
    assert "Connecting tubule and cortical collecting duct" in text
    assert "BK opens when flow is fast" in text and "intercalated cells" in text
    # the Mg2+ plug and its callout are drawn dashed, in the Mg colour
    dashed = [el for el in root.iter() if "stroke-dasharray" in _style(el)]
    assert any(_local(el.tag) == "circle" for el in dashed)
    assert any(_local(el.tag) == "rect" for el in dashed)
    assert all(_rgb(_style(el).get("stroke", "")) == _rgb(OKABE_ITO["reddish_purple"]) for el in dashed)


def test_nephron_shows_the_segments_the_causes_and_femg() -> None:
    root = _root("nephron_mg.svg")
    text = " ".join(_visible_strings(root))
    segments = ("Proximal", "Thick ascending limb", "Distal convoluted", "Collecting", "Glomerulus")
    for label in (*segments, "claudin-16/19", "TRPM6", "NKCC2", "NCC"):
        assert label in text, label
    for cause in ("LOOP DIURETICS", "THIAZIDES", "GITELMAN", "proton-pump inhibitors", "NOT THE KIDNEY"):
        assert cause in text, cause
    assert "TRPM6/7 (a hypothesis)" in text
    assert "FEMg" in text and _contains_quantity(text, "2–4%")
    # the cut-offs hold only with normal kidney function (FEMg is higher anyway when it is reduced)
    femg = (
        "With a low serum Mg and normal kidney function, FEMg above about 2–4 % points to loss through "
        "the kidney; below about 2 %, to the gut or a low intake."
    )
    assert femg in text
    assert femg in " ".join((root.find(f"{S}desc").text or "").split())
    # the main site takes back the most
    shares = re.findall(r"≈ (\d+) %", text)
    assert [int(s) for s in shares[:2]] == [20, 60]


def _body_stores_quantity(pattern: str) -> re.Match:
    text = " ".join(_visible_strings(_root("body_stores.svg")))
    m = re.search(pattern, text)
    assert m, pattern
    return m


def _range(pattern: str) -> tuple[float, float]:
    m = _body_stores_quantity(pattern)
    return float(m.group(1).replace(",", "")), float(m.group(2).replace(",", ""))


def test_body_stores_note_names_shifts_both_ways() -> None:
    """Shifts into and out of cells both break 'serum K follows body K'; the outward one hides a deficit."""
    root = _root("body_stores.svg")
    text = " ".join(_visible_strings(root))
    desc = " ".join((root.find(f"{S}desc").text or "").split())
    sentence = (
        "Insulin, β₂-agonists (e.g. salbutamol) and alkalosis move K⁺ into cells; acidosis and lack of "
        "insulin (e.g. in diabetic ketoacidosis) move it out and can hide a large deficit."
    )
    assert sentence in text
    assert sentence in desc


def test_body_stores_agree_with_the_package() -> None:
    p, ss = Params(), steady_state(SERUM_MG_REF)
    ecf_k = p.v_e * float(ss.serum_k)
    share_in_cells = 100 * (1 - ecf_k / float(ss.total_body_k))
    assert int(_body_stores_quantity(r"Inside cells ≈ (\d+) %").group(1)) == round(share_in_cells)
    lo, hi = _range(r"≈ (\d+)–(\d+) mmol in all the extracellular fluid")
    assert lo <= ecf_k <= hi, ecf_k
    lo, hi = _range(r"cell fluid (\d+)–(\d+) mmol/L")
    assert lo <= p.k_i0 <= hi
    assert _range(r"serum K⁺ \(normal ([\d.]+)–([\d.]+) mmol/L\)") == tuple(K_NORMAL)
    assert _range(r"serum Mg \(normal ([\d.]+)–([\d.]+) mmol/L\)") == tuple(MG_NORMAL)
    grams = float(_body_stores_quantity(r"about (\d+) g \(about ([\d,]+) mmol\)").group(1))
    mmol = float(_body_stores_quantity(r"about (\d+) g \(about ([\d,]+) mmol\)").group(2).replace(",", ""))
    assert abs(mmol * MOLAR_MASS_G_PER_MOL["Mg"] / 1000 - grams) / grams < 0.05
    total_k = float(_body_stores_quantity(r"about ([\d,]+) mmol in total").group(1).replace(",", ""))
    per_kg = float(_body_stores_quantity(r"about (\d+) mmol/kg").group(1))
    assert total_k / 70 == pytest.approx(per_kg, rel=0.05)


def test_body_stores_bars_are_drawn_to_their_shares() -> None:
    root = _root("body_stores.svg")
    bars: dict[float, list[ET.Element]] = {}
    for el in root.iter(f"{S}rect"):
        if el.get("data-share-percent"):
            bars.setdefault(float(el.get("y")), []).append(el)
    assert len(bars) == 2
    for segments in bars.values():
        segments.sort(key=lambda el: float(el.get("x")))
        shares = [float(el.get("data-share-percent")) for el in segments]
        widths = [float(el.get("width")) for el in segments]
        assert sum(shares) == pytest.approx(100)
        for share, w in zip(shares, widths, strict=True):
            assert w == pytest.approx(share / 100 * sum(widths), abs=0.5)
        for left, right in zip(segments, segments[1:], strict=False):  # touching, in order
            end = float(left.get("x")) + float(left.get("width"))
            assert end == pytest.approx(float(right.get("x")), abs=0.1)
    k_bar, mg_bar = (sorted(bars[y], key=lambda el: float(el.get("x"))) for y in sorted(bars))
    assert float(k_bar[0].get("data-share-percent")) == float(
        _body_stores_quantity(r"Inside cells ≈ (\d+) %").group(1)
    )
    bone, muscle, _soft, serum = (float(el.get("data-share-percent")) for el in mg_bar)
    assert _range(r"Bone ≈ (\d+)–(\d+) %")[0] <= bone <= _range(r"Bone ≈ (\d+)–(\d+) %")[1]
    assert _range(r"Muscle ≈ (\d+)–(\d+) %")[0] <= muscle <= _range(r"Muscle ≈ (\d+)–(\d+) %")[1]
    assert serum < 1 and "Serum < 1 %" in _visible_strings(root)


#: Numbers the stores figure adds to notebook 01's table (each is in SOURCES.md).
NOT_IN_NOTEBOOK_01 = {"100%", "2%", "20–30%", "200–400mmol", "1mmol/L"}


def test_body_stores_numbers_match_notebook_01() -> None:
    cells = json.loads(NOTEBOOK_01.read_text(encoding="utf-8"))["cells"]
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    table = [source for source in markdown if "### Where they live" in source]
    assert len(table) == 1
    notebook = table[0]
    tokens = _quantities(_body_text(_root("body_stores.svg")))
    assert tokens >= NOT_IN_NOTEBOOK_01
    for token in sorted(tokens - NOT_IN_NOTEBOOK_01):
        assert _contains_quantity(notebook, token), f"{token} is on the figure but not in notebook 01's table"


def test_every_notebook_image_of_a_figure_has_its_alt_text() -> None:
    """Each <img> of a figure in the notebooks carries, word for word, the figure's <desc> as its alt text."""
    import html as html_lib

    shown = 0
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(nb.read_text("utf-8"))["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for src, alt in re.findall(r'<img src="figures/([^"]+)" alt="([^"]*)"', source):
                desc = ET.parse(FIGURES / src).getroot().find(f"{{{SVG_NS}}}desc")
                assert desc is not None and html_lib.unescape(alt) == " ".join(desc.text.split()), (
                    nb.name,
                    src,
                )
                shown += 1
    assert shown >= 3, "the three diagrams are shown in the notebooks"
