"""The county's roster rules (名册计算规则): who is paid what, read from a TOML file.

A rules file states the county's standards and its choices; the eligibility rules themselves
are fixed here, each from the policy as ``DOMAIN.md`` states it:

* **Contribution subsidy** (缴费补贴) — to each paying person (是否缴费 = 1) by the grade
  (缴费档次) paid (国发〔2014〕8号: local government subsidises each payer's contribution,
  more for higher grades). A listed grade's subsidy is a fixed amount (``"30"``) or a share
  of the grade (``"10%"``: 10 % of 300 元 = 30.00 元, rounded half up to the 分 once, here,
  when the rules are made; the tally then multiplies that per-payer amount by the payers,
  exactly). A grade that is not listed takes the nearest lower listed grade (and its
  subsidy); a grade below every listed one cannot be subsidised and is rejected as an
  unknown grade.
* **Proxy payments** (财政代缴) — for severely disabled persons (重度残疾人), persons in
  extreme poverty (特困人员), minimum-living-allowance recipients (低保对象), registered
  poverty-household persons (建档立卡贫困户, 人社部发〔2017〕59号), monitored households at
  risk of (re)lapse into poverty (返贫致贫人口 / 监测对象) and mildly disabled persons
  (轻度残疾人). A proxy payment is a contribution paid on the person's behalf, so it goes only
  to persons still paying in, not yet receiving a pension (领取待遇 = 0), whether or not they
  pay themselves. "A person is paid for once" is local practice: counties fix an order of
  identities. By default the first identity in ``identity_order`` that applies wins
  (:data:`DEFAULT_IDENTITY_ORDER`: 重度残疾 first — the severely disabled keep their own rule
  — then 特困, 低保, 建档立卡, 监测对象, 轻度残疾); ``proxy_choice = "highest_amount"`` gives
  the rule of earlier versions instead (the highest amount wins; ties in the order of
  :data:`PROXY_CATEGORIES`). Categories listed in ``separate`` are decided on their own: paid
  whenever they apply, besides the one chosen from the others. ``with_grade_subsidy`` says
  whether a paying person paid for by proxy also gets the grade subsidy (default: yes).
* **Village-cadre subsidy** (村干部县级补贴) — to each village cadre (村干部 = 1).
* **Land-loss pension** (失地农民养老补贴) — to land-loss persons (失地农民 = 1) who receive
  benefits (领取待遇 = 1): monthly amount × months.
* **Back-payments** (补缴) — a row the roster marks as a back-payment gets nothing: it pays
  for years gone by, not this year's contribution that the fund subsidises.
* **Eligibility date** — ``as_of`` (a date) is the day eligibility is taken on (a birth date
  after it is rejected); None: the day the roster is tallied.

The rules as a value live in :mod:`~pension_subsidy.roster.rules_model`, the reading of a
rules file in :mod:`~pension_subsidy.roster.rules_file`; this module hands both on.

>>> import attrs
>>> from decimal import Decimal
>>> from pension_subsidy.money import Yuan
>>> rules = default_roster_rules()
>>> rules.tier_for(Decimal("300")), rules.tier_for(Decimal("50"))
(Yuan('200.00'), None)
>>> rules.proxy_for({"severe_disability", "poverty_household"})
'severe_disability'
>>> county = attrs.evolve(rules, proxies=[("low_income", Yuan(50)), ("extreme_poverty", Yuan(30))])
>>> county.proxy_for({"low_income", "extreme_poverty"})  # 特困 before 低保, whatever the amounts
'extreme_poverty'
>>> attrs.evolve(county, proxy_choice="highest_amount").proxy_for({"low_income", "extreme_poverty"})
'low_income'
>>> share = RosterRules(grade_subsidies=[], grade_shares=[(Yuan(300), Decimal("0.10"))])
>>> share.subsidy_for_tier(Yuan(300))
Yuan('30.00')
"""

from __future__ import annotations

from pension_subsidy.roster.rules_file import (
    default_roster_rules,
    load_roster_rules,
    rules_from_mapping,
)
from pension_subsidy.roster.rules_model import (
    DEFAULT_IDENTITY_ORDER,
    PROXY_CATEGORIES,
    PROXY_CHOICES,
    ProxyChoice,
    RosterRules,
    share_of,
)

__all__ = [
    "DEFAULT_IDENTITY_ORDER",
    "PROXY_CATEGORIES",
    "PROXY_CHOICES",
    "ProxyChoice",
    "RosterRules",
    "default_roster_rules",
    "load_roster_rules",
    "rules_from_mapping",
    "share_of",
]
