"""Dated policy parameters with their legal source (政策参数：生效日期与文件依据).

Every policy value is data (``data/parameters/national.toml``), never a Python literal, and
every value carries the date it takes effect, its unit and its source: the document number
(文号), the issuing body (发文机关) and the article when known. A value without a source does
not load. Look-ups are "as of a date": the latest value that has taken effect by then.

>>> from datetime import date
>>> national = load_parameters()
>>> minimum = national.value("contribution_subsidy.minimum", as_of=date(2022, 6, 30))
>>> minimum.value, minimum.unit, minimum.source.document
(Yuan('30.00'), '元/人·年', '国发〔2014〕8号')
>>> national.value("proxy_payment.eligible_groups", as_of=date(2016, 12, 31)).value
('severe_disability_proxy',)

Provinces and counties have files of the same form (bundled: ``qinghai.toml`` and
``qinghai-menyuan.toml``; or a file of your own). Each overrides or adds values with its own
source; the most local value in force wins — county over province over national — and the
national one is used otherwise (:meth:`ParameterSet.layered`):

>>> qinghai = load_parameters(province="qinghai")
>>> pension = qinghai.value("basic_pension.standard", as_of=date(2019, 1, 1))
>>> pension.display_value, pension.level, pension.source.issuer
('60=175.00', 'province', '新华社')

Each value says whether it was checked against its source (``verified``) and how sure it is
(``confidence``: high, medium, low), with a note on what is uncertain.

This module finds and layers the files; :mod:`~pension_subsidy.model.parameter_reading`
reads one, the values are in :mod:`~pension_subsidy.model.parameter_values` and the set in
:mod:`~pension_subsidy.model.parameter_set`; their names are importable from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from pension_subsidy._toml import read_bundled_toml, read_toml_file
from pension_subsidy.exceptions import (
    Phrase,
    UnknownKeyError,
)
from pension_subsidy.model.parameter_reading import parameters_from_mapping
from pension_subsidy.model.parameter_set import ParameterSet
from pension_subsidy.model.parameter_values import (
    CONFIDENCE_LEVELS,
    KINDS,
    LEVELS,
    LegalSource,
    ParameterValue,
    ParameterVariant,
)

__all__ = [
    "CONFIDENCE_LEVELS",
    "KINDS",
    "LEVELS",
    "LegalSource",
    "ParameterSet",
    "ParameterValue",
    "ParameterVariant",
    "bundled_regions",
    "load_parameter_file",
    "load_parameters",
]


_NATIONAL = "national.toml"


def _bundled_files() -> tuple[str, ...]:
    """The names of the bundled parameter files, sorted."""
    folder = resources.files("pension_subsidy.data").joinpath("parameters")
    return tuple(sorted(item.name for item in folder.iterdir() if item.name.endswith(".toml")))


_NAME_KEYS = ("jurisdiction_zh", "jurisdiction_en", "short_zh")


def _meta_names(file_name: str) -> tuple[str, ...]:
    """The names a bundled file answers to: its stem's last part and its Chinese names."""
    meta = read_bundled_toml("parameters", file_name).get("meta", {})
    stem = file_name.removesuffix(".toml")
    names = [stem.split("-", 1)[-1]]
    if isinstance(meta, Mapping):
        names += [str(meta[key]) for key in _NAME_KEYS if key in meta]
    return tuple(names)


def bundled_regions() -> dict[str, tuple[str, ...]]:
    """The provinces with a bundled parameter file, each with its bundled counties.

    >>> bundled_regions()
    {'qinghai': ('menyuan',)}
    """
    files = [name.removesuffix(".toml") for name in _bundled_files() if name != _NATIONAL]
    provinces = sorted(name for name in files if "-" not in name)
    return {
        province: tuple(
            sorted(name.split("-", 1)[1] for name in files if name.startswith(province + "-"))
        )
        for province in provinces
    }


def _match(asked: str, candidates: Mapping[str, tuple[str, ...]]) -> str | None:
    """The key among ``candidates`` (key → names) that ``asked`` names, case-insensitively."""
    wanted = asked.strip().lower()
    for key, names in candidates.items():
        if wanted in {name.lower() for name in names}:
            return key
    return None


def _province_key(province: str) -> str:
    regions = bundled_regions()
    found = _match(province, {key: _meta_names(f"{key}.toml") for key in regions})
    if found is None:
        known = tuple(regions)
        said = {"province": repr(province), "known": ", ".join(known)}
        code = "parameters.unknown_province"
        raise UnknownKeyError(code=code, params=said, key=province, known=known)
    return found


def _county_key(province: str, county: str) -> str:
    counties = bundled_regions()[province]
    found = _match(county, {key: _meta_names(f"{province}-{key}.toml") for key in counties})
    if found is None:
        said = {
            "county": repr(county),
            "province": province,
            "known": ", ".join(counties) or Phrase("parameters.none"),
        }
        code = "parameters.unknown_county"
        raise UnknownKeyError(code=code, params=said, key=county, known=counties)
    return found


def _province_of(county: str) -> str:
    """The one province with a bundled county named ``county`` (a county needs its province)."""
    regions = bundled_regions()
    owners = [
        province
        for province, counties in regions.items()
        if _match(county, {key: _meta_names(f"{province}-{key}.toml") for key in counties})
    ]
    if len(owners) != 1:
        known = tuple(f"{province}/{key}" for province, keys in regions.items() for key in keys)
        said = {"county": repr(county), "known": ", ".join(known) or Phrase("parameters.none")}
        code = "parameters.ambiguous_county"
        raise UnknownKeyError(code=code, params=said, key=county, known=known)
    return owners[0]


def _bundled(file_name: str, *, level: str) -> ParameterSet:
    data = read_bundled_toml("parameters", file_name)
    return parameters_from_mapping(data, path=file_name, level=level, bundled=True)


def _looks_like_a_file(county: str | Path) -> bool:
    return isinstance(county, Path) or county.endswith(".toml") or "/" in county or "\\" in county


def load_parameters(
    file: str | Path | None = None,
    *,
    province: str | None = None,
    county: str | Path | None = None,
) -> ParameterSet:
    """The bundled national parameters, with a province's, a county's and a file over them.

    ``province`` names a bundled province file (``"qinghai"`` or ``"青海省"``), ``county`` a
    bundled county of it (``"menyuan"``: ``qinghai-menyuan.toml``); ``file`` is a parameter
    file of your own, layered on top. Precedence: file > county > province > national, each
    only where its value is in force. An unknown province or county is an
    :class:`~pension_subsidy.UnknownKeyError` listing the known ones.

    For compatibility, ``county`` given as a path (``county.toml``) and no ``file`` is read
    as ``file``, as the earlier ``load_parameters(county)`` did.

    >>> from datetime import date
    >>> params = load_parameters()
    >>> [str(g) for g in params.value("contribution.grades", as_of=date(2022, 1, 1)).value][-3:]
    ['1000.00', '1500.00', '2000.00']
    >>> menyuan = load_parameters(province="qinghai", county="menyuan")
    >>> share = menyuan.value("funding.county_share", as_of=date(2022, 6, 30))
    >>> share.value, share.level, share.verified
    (Fraction(1, 5), 'county', False)
    """
    if county is not None and file is None and _looks_like_a_file(county):
        file, county = county, None
    parameters = _bundled(_NATIONAL, level="national")
    if county is not None and province is None:
        province = _province_of(str(county))
    if province is not None:
        province_key = _province_key(province)
        parameters = parameters.layered(_bundled(f"{province_key}.toml", level="province"))
        if county is not None:
            county_key = _county_key(province_key, str(county))
            parameters = parameters.layered(
                _bundled(f"{province_key}-{county_key}.toml", level="county")
            )
    if file is None:
        return parameters
    return parameters.layered(load_parameter_file(file))


def load_parameter_file(path: str | Path) -> ParameterSet:
    """Read a parameter file of the same form as the bundled ones (a county's by default).

    Its ``[meta] level`` says which level of government it speaks for (national, province
    or county); without it the file is taken as a county's own standards.
    """
    file = Path(path)
    data = read_toml_file(file)
    return parameters_from_mapping(data, path=str(file))
