"""The indicator rows of a labelled form: an indicator, its level-1 group, the execution row."""

from __future__ import annotations

import attrs

from pension_subsidy.forms.block_rows import total_row
from pension_subsidy.forms.model import FormIndicator, StatedNumber, number_in
from pension_subsidy.forms.project_builder import ProjectBuilder
from pension_subsidy.forms.rows import Row
from pension_subsidy.forms.vocabulary import comparator, level1_of, norm

__all__ = ["indicator_from_row", "indicator_row"]


def indicator_row(row: Row, columns: dict[str, int], builder: ProjectBuilder) -> bool:
    """An indicator (its level-1 name filled down), the 预算执行率 row or the total."""
    cells = row.distinct()
    if total_row(row, cells, columns, builder):
        return True
    texts = {role: row.text_at(column) for role, column in columns.items()}
    level1_text, name = texts.get("level1", ""), texts.get("name", "")
    joined = norm(level1_text + texts.get("level2", "") + name)
    if "预算执行率" in joined or "资金执行率" in joined:
        _execution_row(row, columns, builder)
        return True
    previous = builder.indicators[-1] if builder.indicators else None
    level1 = level1_of(level1_text)
    if level1 is None and level1_text and not name:
        return False
    if not name:
        return False
    level1_name = level1[0] if level1 else (previous.level1 if previous else None)
    level1_points = level1[1] if level1 else None
    if level1 is None and previous is not None:
        level1_points_stated = previous.level1_points
    else:
        level1_points_stated = (
            StatedNumber(level1_text, level1_points, row.where(row.at(columns["level1"])))
            if level1_points is not None
            else None
        )
    level2 = texts.get("level2") or (
        previous.level2 if previous is not None and previous.level1 == level1_name else None
    )
    indicator = indicator_from_row(
        row, columns, texts, level1=level1_name, level2=level2, name=name
    )
    builder.indicators.append(attrs.evolve(indicator, level1_points=level1_points_stated))
    return True


def indicator_from_row(
    row: Row,
    columns: dict[str, int],
    texts: dict[str, str],
    *,
    level1: str | None,
    level2: str | None,
    name: str,
) -> FormIndicator:
    """The indicator of an indicator row, its columns found by role (:func:`role_of`)."""

    def stated(role: str) -> StatedNumber | None:
        text = texts.get(role, "")
        if not text:
            return None
        return StatedNumber.parse(text, where=row.where(row.at(columns[role])))

    target = stated("target")
    sign_text = texts.get("comparator", "")
    sign = comparator(sign_text) if sign_text else None
    nature = sign_text if sign_text and sign is None else None
    if sign is None and target is not None:
        sign = comparator(target.text)
    unit = texts.get("unit") or (_unit_after(target.text) if target is not None else None)
    points = stated("points")
    description = texts.get("description") or None
    if points is not None and points.value is None and description is None:
        # words where points stand: an explanation column the heading row does not name
        # (a pasted Hebei table's 三级指标 spans two columns); kept as the description
        description, points = points.text, None
    return FormIndicator(
        level1=level1,
        level2=level2,
        name=name,
        comparator=sign,
        target=target,
        unit=unit or None,
        actual=stated("actual"),
        points=points,
        score=stated("score"),
        reason=texts.get("reason") or None,
        where=row.where(row.at(columns["name"])),
        description=description,
        nature=nature,
        direction=texts.get("direction") or None,
        weight_percent=stated("weight_percent"),
        weighted_score=stated("weighted_score"),
        completion=texts.get("completion") or None,
    )


def _unit_after(text: str) -> str | None:
    value = number_in(text)
    if value is None:
        return None
    normal = text.translate(str.maketrans("％", "%")).strip()
    tail = normal.rsplit(format(value, "f"), 1)[-1] if format(value, "f") in normal else ""
    tail = tail.strip()
    return tail or None


def _execution_row(row: Row, columns: dict[str, int], builder: ProjectBuilder) -> None:
    def stated(role: str) -> StatedNumber | None:
        text = row.text_at(columns.get(role))
        if not text or number_in(text) is None:
            return None
        return StatedNumber.parse(text, where=row.where(row.at(columns[role])))

    builder.execution_points = builder.execution_points or stated("points")
    builder.execution_score = builder.execution_score or stated("score")
    builder.execution_rate = builder.execution_rate or stated("actual")
