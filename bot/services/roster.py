"""Pure parsing of people: one typed line, or a roster file (.xlsx / .csv, UTF-8 or GBK)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.people import Role


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person as written (``row`` is the 1-based sheet row, 0 for a typed line)."""

    row: int
    name: str
    unit: str | None
    role: Role
    phone: str | None = None
    on_behalf_of: str | None = None


@dataclass(frozen=True, slots=True)
class RosterError:
    """A row that could not be read."""

    row: int
    code: str
    params: dict[str, object] = field(default_factory=dict)


def parse_role(word: str) -> Role | None:
    """A role from English or Chinese words (责任人/领导/联络员/督办员), else None."""
    raise NotImplementedError


def valid_phone(phone: str) -> bool:
    """A plausible phone number: digits with optional +, spaces and dashes, 5..20 digits."""
    raise NotImplementedError


def parse_person_line(line: str) -> RosterRow:
    """``张三 县发改委 official 13800000000`` or ``李四 县政府办 联络员 for 王五``."""
    raise NotImplementedError


def parse_roster(data: bytes, filename: str) -> tuple[list[RosterRow], list[RosterError]]:
    """Every person row of a roster, and the rows that could not be read."""
    raise NotImplementedError
