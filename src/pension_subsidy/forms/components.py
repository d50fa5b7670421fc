"""Which component kind (构成项目类别) a prose figure's words name, by the kinds' keywords.

The kinds and their words are the catalogue's (``data/kinds/kinds.toml``: 缴费补贴,
丧葬补助金, 地方基础养老金 …). The longest keyword found wins, so 中轻度残疾人缴费补贴 is the
disabled payers' subsidy, not the general 缴费补贴, and 加发基础养老金 the long-contribution
bonus, not the basic-pension top-up.

>>> component_of("丧葬补助金"), component_of("中轻度残疾人缴费补贴"), component_of("中央资金")
('funeral_grant', 'disability_contribution_subsidy', None)
"""

from __future__ import annotations

from pension_subsidy.model.kinds import KindCatalogue, bundled_kinds

__all__ = ["component_of"]


def component_of(words: str | None, kinds: KindCatalogue | None = None) -> str | None:
    """The key of the kind whose keyword ``words`` hold (the longest found), or None.

    ``kinds`` defaults to the bundled catalogue; on equal lengths the kind listed first wins.
    """
    if not words:
        return None
    catalogue = bundled_kinds() if kinds is None else kinds
    best: tuple[int, str] | None = None
    for kind in catalogue.kinds:
        for keyword in kind.keywords:
            if keyword in words and (best is None or len(keyword) > best[0]):
                best = (len(keyword), kind.key)
    return None if best is None else best[1]
