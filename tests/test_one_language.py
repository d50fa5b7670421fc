"""One place for language (issue #10 item 4): Chinese text from the data, one term, one rule."""

from __future__ import annotations

import re

from pension_subsidy.model.kinds import ComponentKind, Formula, bundled_kinds
from pension_subsidy.output.kinds_text import render_kinds

_LATIN = re.compile(r"[A-Za-z]{2,}")


def test_every_bundled_note_has_its_chinese_text() -> None:
    """A bundled kind with a note has a Chinese note, and that note has no English words."""
    for kind in bundled_kinds().kinds:
        assert bool(kind.note) == bool(kind.note_zh), kind.key
        assert not _LATIN.search(kind.note_zh), kind.note_zh


def test_kinds_text_shows_the_chinese_note_in_chinese() -> None:
    """说明 lines are Chinese in Chinese output, English in English output."""
    zh = render_kinds(bundled_kinds(), "zh_CN")
    notes = [line for line in zh.splitlines() if line.strip().startswith("说明：")]
    assert len(notes) == sum(bool(kind.note) for kind in bundled_kinds().kinds)
    assert all(not _LATIN.search(line) for line in notes)
    assert "村数 × 每村协办员人数 × 每名协办员补贴（门源县为 600 元）。" in zh
    en = render_kinds(bundled_kinds(), "en")
    assert "Note: Villages × coordinators per village" in en


def test_kinds_json_gains_note_zh() -> None:
    """The JSON keeps ``note`` and gains ``note_zh`` beside it."""
    data = bundled_kinds().get("funeral_grant").data()
    assert data["note"].startswith("Deaths of pensioners")
    assert data["note_zh"].startswith("领取待遇人员死亡人数")
    assert list(data).index("note_zh") == list(data).index("note") + 1


def test_own_kind_without_note_zh_shows_its_note_as_written() -> None:
    """A dataset's own note without ``note_zh`` is shown as the user typed it."""
    own = ComponentKind(
        key="bonus",
        name_zh="奖励",
        name_en="Bonus",
        formula=Formula.PER_EVENT,
        note="县里自定",
        origin="county.toml",
    )
    catalogue = bundled_kinds().extended([own])
    assert "说明：县里自定" in render_kinds(catalogue, "zh_CN")
