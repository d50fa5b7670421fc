"""JSON as every command writes it: UTF-8 text as is, two-space indent, a final newline.

The one place the library turns a result's ``.data()`` into JSON, so that every command's
output has the same form (the golden files in ``tests/golden`` pin it byte for byte).

>>> print(to_json({"project": "重度残疾人代缴", "total_yuan": "61500.00"}), end="")
{
  "project": "重度残疾人代缴",
  "total_yuan": "61500.00"
}
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["to_json"]


def to_json(data: Any) -> str:
    """``data`` (plain dicts, lists and strings) as JSON text ending in a newline.

    Chinese is written as is, not as escapes, for people who read the file too.
    """
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
