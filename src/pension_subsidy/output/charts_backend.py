"""What every chart shares: matplotlib loaded on demand, a Chinese font, floats, SVG text.

matplotlib is an optional dependency (``pip install "pension-subsidy[plot]"``), imported
only when a chart is drawn: :func:`load_matplotlib` raises
:class:`~pension_subsidy.MissingDependencyError` naming the extra without it. Charts are drawn
on a :class:`matplotlib.figure.Figure` made directly (the Agg and SVG canvases, never pyplot),
so drawing one changes no global state of the caller: no backend is switched, no window opens
and ``rcParams`` are set only inside a ``rc_context`` while drawing and saving.

**Chinese labels** need a font with Chinese glyphs. :func:`chart_font` looks, once, for

1. the Noto Sans SC font shipped by the PyPI package ``pylopdf-fonts-zh-cn`` (SIL Open Font
   License; installed by the ``plot`` extra), or Noto Sans CJK SC from ``mplfonts``;
2. a Chinese font the system has (Noto Sans CJK SC, Source Han Sans, Microsoft YaHei, SimHei,
   PingFang SC, WenQuanYi …), as matplotlib's font manager sees it;

and registers a font file it found with matplotlib's font manager. Without any, charts are
drawn with English labels and a one-line notice, never with empty boxes (豆腐块).

**Money** is exact (:class:`~pension_subsidy.Yuan`) everywhere else; :func:`plotted` is the
one place it becomes a float, for drawing only.
"""

from __future__ import annotations

import contextlib
import functools
import html
import importlib.resources
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from pension_subsidy.exceptions import MissingDependencyError
from pension_subsidy.money import Yuan
from pension_subsidy.output.language import LabelTable, Localised, language_of

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PLOT_EXTRA",
    "Canvas",
    "ChartFont",
    "chart_font",
    "drawing",
    "load_matplotlib",
    "plotted",
    "svg_of",
]

#: What installs the charts' dependencies (matplotlib and a Chinese font).
PLOT_EXTRA: Final = 'pip install "pension-subsidy[plot]"'

#: Font files that PyPI packages ship, by (module, file inside it), in order of preference.
#: ``pylopdf-fonts-zh-cn`` is the ``plot`` extra's: Noto Sans SC alone (8 MB, OFL), where
#: ``mplfonts`` brings six fonts (107 MB) including SimHei, whose licence is not free.
_FONT_PACKAGES: Final = (
    ("pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf"),
    ("mplfonts", "fonts/NotoSansCJKsc-Regular.otf"),
)

#: Font families with Chinese glyphs that systems ship (Linux, Windows, macOS), best first.
_SYSTEM_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
)

#: Characters a font must have to be used for the labels: a few of the commonest in them.
_PROBE: Final = "县级缴费补贴预算合计元年"

#: matplotlib's own font, for every character the Chinese font lacks (and without one).
_LATIN_FAMILY: Final = "DejaVu Sans"

_WORDS: LabelTable[str] = LabelTable(
    {
        "no_font": (
            "",
            "No Chinese font found: labels in English. " + PLOT_EXTRA + " adds one.",
        ),
    }
)


def load_matplotlib() -> Any:
    """The ``matplotlib`` module; :class:`~pension_subsidy.MissingDependencyError` without it.

    Imports :mod:`matplotlib.figure` too, the one class the charts draw on.
    """
    try:
        import matplotlib  # noqa: PLC0415 - optional dependency, imported only when needed
        import matplotlib.figure  # noqa: PLC0415
    except ImportError:
        said = {"package": "matplotlib", "install": PLOT_EXTRA}
        raise MissingDependencyError(
            code="output.dependency.matplotlib", params=said, extra="plot"
        ) from None
    return matplotlib


def plotted(amount: Yuan | Decimal | Fraction | int) -> float:
    """An exact amount (元) or count as a float, for drawing only.

    The one place the charts leave exact arithmetic: a float is where matplotlib wants a
    bar's height. Every figure written as text (labels, annotations) is formatted from the
    exact value instead; 1,750,000.00 元 is exactly the float 1750000.0, and any amount up to
    about 9 × 10^13 元 keeps its 分 in a float.

    >>> plotted(Yuan("1386000.00")), plotted(Fraction(45, 2)), plotted(71104)
    (1386000.0, 22.5, 71104.0)
    """
    if isinstance(amount, Yuan):
        return float(amount.value)
    return float(amount)


@attrs.frozen
class ChartFont:
    """The Chinese font the charts use: its family name and where it came from, or none.

    ``family`` is None when no font with Chinese glyphs was found; charts are then labelled
    in English. ``source`` says where the font was found (a package, a file or the system).
    """

    family: str | None
    source: str = ""

    @property
    def families(self) -> list[str]:
        """The font families text is set in: the Chinese font, then matplotlib's own."""
        return [self.family, _LATIN_FAMILY] if self.family else [_LATIN_FAMILY]


def _covers(path: str) -> bool:
    from matplotlib.ft2font import FT2Font  # noqa: PLC0415 - optional dependency

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(character)) for character in _PROBE)


def _packaged_font() -> ChartFont | None:
    from matplotlib import font_manager  # noqa: PLC0415 - optional dependency

    for module, file in _FONT_PACKAGES:
        try:
            path = importlib.resources.files(module).joinpath(file)
        except ModuleNotFoundError:
            continue
        if not path.is_file() or not _covers(str(path)):
            continue
        font_manager.fontManager.addfont(str(path))
        family = font_manager.FontProperties(fname=str(path)).get_name()
        return ChartFont(family=family, source=f"{module} ({file})")
    return None


def _system_font() -> ChartFont | None:
    from matplotlib import font_manager  # noqa: PLC0415 - optional dependency

    found = {entry.name: entry.fname for entry in font_manager.fontManager.ttflist}
    for family in _SYSTEM_FAMILIES:
        if family in found and _covers(found[family]):
            return ChartFont(family=family, source=found[family])
    return None


@functools.cache
def chart_font() -> ChartFont:
    """The Chinese font for chart labels, found (and registered with matplotlib) once.

    A font package's file first, then a system font (see the module's description); a
    :class:`ChartFont` without a family when there is none.
    """
    load_matplotlib()
    return _packaged_font() or _system_font() or ChartFont(family=None)


@attrs.frozen
class Canvas:
    """Where one chart is drawn: its figure and axes, and the language of its labels.

    ``locale`` is the one asked for, or ``"en"`` when Chinese cannot be shown (no font).
    """

    figure: Figure
    axes: Axes
    locale: Localised
    font: ChartFont

    @property
    def language(self) -> Literal["zh", "en"]:
        """``"zh"`` or ``"en"``: the language the labels are in."""
        return language_of(self.locale)

    @property
    def text_style(self) -> dict[str, Any]:
        """Keyword arguments that set a text in the chart's fonts."""
        return {"fontfamily": self.font.families}

    def shown(self, text: str, substitute: str) -> str:
        """``text`` if the chart can show it, else ``substitute`` (Chinese without a font)."""
        if self.font.family is None and any(ord(character) >= 0x2E80 for character in text):
            return substitute
        return text

    def centred_note(self, text: str) -> None:
        """``text`` in the middle of the axes: what a chart with nothing to draw says."""
        self.axes.text(
            0.5,
            0.5,
            text,
            transform=self.axes.transAxes,
            ha="center",
            va="center",
            **self.text_style,
        )


def _root(axes: Axes) -> Figure:
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional dependency

    figure: Any = axes.figure
    while not isinstance(figure, Figure):
        figure = figure.figure  # a SubFigure: its parent, up to the figure
    return figure


@contextlib.contextmanager
def drawing(locale: Localised, ax: Axes | None, *, size: tuple[float, float]) -> Iterator[Canvas]:
    """A :class:`Canvas` on ``ax``, or on a new figure of ``size`` inches.

    Text made inside the block is set in the chart's fonts; afterwards the tick labels are
    too (also those matplotlib makes later, when the figure is saved), and a new figure
    without a Chinese font gets the notice that says so.
    """
    matplotlib = load_matplotlib()
    font = chart_font()
    shown_locale: Localised = locale if font.family is not None else "en"
    with matplotlib.rc_context({"font.family": font.families, "axes.unicode_minus": True}):
        if ax is None:
            figure = matplotlib.figure.Figure(figsize=size, layout="constrained")
            axes = figure.add_subplot()
        else:
            axes, figure = ax, _root(ax)
        canvas = Canvas(figure=figure, axes=axes, locale=shown_locale, font=font)
        yield canvas
        axes.tick_params(labelfontfamily=font.families)
        if ax is None and font.family is None and language_of(locale) == "zh":
            figure.supxlabel(
                _WORDS("no_font", "en"),
                fontsize=7,
                color="#666666",
                x=0.0,
                horizontalalignment="left",
            )


_ID: Final = re.compile(r'(\bid="|\bhref="#|url\(#)([^")]+)')


def svg_of(figure: Figure, *, id_prefix: str = "chart") -> str:
    """The figure as inline SVG text (``<svg …>…</svg>``) for an HTML page.

    Text is drawn as paths, so a browser shows the Chinese labels without the font. The
    XML prologue and comments are left out; the output is the same for the same figure (no
    date, fixed ids); every id starts with ``id_prefix`` so that several charts share a page
    without clashing ids. The ``aria-label`` is the chart's title.
    """
    matplotlib = load_matplotlib()
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "pension-subsidy"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    # the comments repeat each text drawn as paths: the page would say it twice to a search
    svg = re.sub(r"<!--.*?-->\n?", "", text[text.index("<svg") :], flags=re.DOTALL).strip()
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    svg = _ID.sub(
        lambda m: f"{m[1]}{id_prefix}-{m[2]}" if m[2] in ids else m[0],
        svg,
    )
    titles = [axes.get_title() for axes in figure.get_axes() if axes.get_title()]
    label = html.escape(" · ".join(titles), quote=True)
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{label}" style="max-width: 100%; height: auto" ',
        1,
    )
