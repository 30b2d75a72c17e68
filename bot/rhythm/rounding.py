"""Whole percentages as a reader works them out from the ledger, by hand or in Excel (四舍五入):
a half goes up. Python's ``round`` sends a half to the even neighbour (12.5 → 12, 62.5 → 62), so
an average progress or a 反馈率 the digest states could be one point off the same figure counted
from the ledger's rows. In integers, so no float lands just under a half."""

from __future__ import annotations


def half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` (both ≥ 0, the denominator > 0) to the nearest whole number,
    a half rounded up."""
    return (2 * numerator + denominator) // (2 * denominator)  # floor(n/d + 1/2), in integers
