"""Reader and writer for Pabulib ``.pb`` files.

Format: Faliszewski, Flis, Peters, Pierczyński, Skowron, Stolicki, Szufa, Talmon,
"Participatory Budgeting: Data, Tools and Analysis", IJCAI 2023, and https://pabulib.org/format.
A file has three sections, META, PROJECTS and VOTES, each a semicolon-separated CSV table with
a header row; fields may be quoted with ``"`` (doubled inside quotes).

Every problem in a file raises :class:`PabulibError`, which names the file, the section, the
line and what is wrong. Reading then writing a file gives the same election, and for files
written in Pabulib's own style (the whole shared data set) the same bytes.

Every number is checked as it is read, against the bounds documented in
:mod:`samskab.pb.model` (``MAX_AMOUNT`` and friends), so no rule meets a number it cannot
compute with. Oddities that real files contain and that the official counts (and pabutools)
read are accepted, each with a :class:`~samskab.pb.model.ReadWarning` naming file, section
and line, kept in ``Election.warnings``; with ``strict=True`` they are errors:

* a project listed twice in one voter's vote (approval, choose-1 and ordinal ballots): it
  counts once for that voter, at its first place;
* a trailing comma in a vote (or in its points): the empty last entry is ignored;
* a field that starts with a quote but goes on after the closing quote
  (``"Zielona" Grabówka``): read as Python's csv module (and pabutools) reads it, without
  the quotes.
"""

from __future__ import annotations

import csv
import gc
import io
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from itertools import repeat
from pathlib import Path
from typing import overload

import numpy as np
import numpy.typing as npt

from samskab.pb.model import (
    MAX_AMOUNT,
    MAX_AMOUNT_DECIMALS,
    MAX_COUNT,
    MAX_POINT_DECIMALS,
    MAX_POINT_UNITS,
    BallotType,
    Election,
    Profile,
    Project,
    ReadWarning,
    TextLayout,
)

PabulibWarning = ReadWarning

SECTIONS = ("META", "PROJECTS", "VOTES")
_WHITESPACE = re.compile(r"\s")


class PabulibError(ValueError):
    """A malformed Pabulib file: names the file, section, line (1-based) and the problem."""

    def __init__(self, file: str, section: str | None, line: int | None, problem: str) -> None:
        self.file = file
        self.section = section
        self.line = line
        self.problem = problem
        where = [file]
        if section:
            where.append(f"section {section}")
        if line is not None:
            where.append(f"line {line}")
        super().__init__(f"{', '.join(where)}: {problem}")


def parse_decimal(text: str) -> Decimal:
    """A finite decimal number; Pabulib sometimes writes a comma as decimal separator.

    Raises ``ValueError`` (never ``decimal.InvalidOperation``) for anything else.
    """
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return value


def written_places(value: Decimal) -> int:
    """Decimal places as written (``1.50`` has 2, ``1E+3`` has 0)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def amount_problem(text: str, what: str, owner: str = "") -> str | None:
    """Why ``text`` is not an acceptable amount (budget, cost, threshold), or ``None``."""
    shown = text if len(text) <= 40 else text[:37] + "..."
    name = f"{what} '{shown}'{owner}"
    try:
        value = parse_decimal(text)
    except ValueError:
        return f"{name} is not a number"
    if value < 0:
        return f"{name} is negative"
    if value > MAX_AMOUNT:
        return f"{name} is above the largest amount this engine accepts ({MAX_AMOUNT:,})"
    if written_places(value) > MAX_AMOUNT_DECIMALS:
        return (
            f"{name} has more than {MAX_AMOUNT_DECIMALS} decimal places, "
            "more than this engine accepts"
        )
    return None


_WHOLE = re.compile(r"\s*[0-9]{1,9}\s*")  # below MAX_COUNT


class _Restart(Exception):
    """Reading only the head of the text was not enough: read the whole text instead."""


_VOTES_HEADER = re.compile(r"^VOTES(?:\r\n|\n)[^\r\n]*(?:\r\n|\n)", re.MULTILINE)


def _head_end(text: str) -> int | None:
    """Where the line after the first line ``VOTES`` ends (its header row), if anywhere.

    The CSV reader needs to see only META and PROJECTS and the VOTES header: the VOTES
    section is split without it when it has no quote. Handing the CSV reader the whole
    text cost more than a tenth of the parse of Łódź 2022 (a copy of 3 MB of text). If the
    guess is wrong (a quoted field holds such a line), the head parse fails or stops in the
    wrong place, and the whole text is read instead.
    """
    match = _VOTES_HEADER.search(text)
    return match.end() if match else None


class _QuoteQuirk(Exception):
    """A field starts with a quote and goes on after the closing quote: read again loosely."""


class _Reader:
    """Walks the CSV rows of one file and remembers where it is, for error messages."""

    def __init__(
        self,
        text: str,
        file: str,
        *,
        loose_quotes: bool = False,
        head: int | None = None,
        body: bytes | memoryview | None = None,
    ) -> None:
        self.file = file
        # The file's bytes after any byte-order mark, when the text was decoded from them.
        self.body = body
        self.section: str | None = None
        self.text = text
        self.loose_quotes = loose_quotes
        # ``head``: the reader sees only the text up to the VOTES header (see _head_end).
        self.head = head
        self._io = io.StringIO(text if head is None else text[:head], newline="")
        # strict: an unterminated quote or stray text after a closing quote is an error;
        # the second, loose reading accepts text after a closing quote (see _QuoteQuirk).
        self._csv = csv.reader(self._io, delimiter=";", quotechar='"', strict=not loose_quotes)
        self.line = 0

    def csv_error(self, exc: csv.Error, line: int) -> Exception:
        if "expected after" in str(exc) and not self.loose_quotes:
            return _QuoteQuirk()
        return self.error(f"unreadable CSV: {exc}", line)

    def error(self, problem: str, line: int | None = None) -> PabulibError:
        return PabulibError(self.file, self.section, self.line if line is None else line, problem)

    def rows(self) -> Iterator[list[str]]:
        while True:
            start = self._csv.line_num + 1
            try:
                row = next(self._csv)
            except StopIteration:
                return
            except csv.Error as exc:
                raise self.csv_error(exc, start) from None
            # Report the line where the record starts (a quoted field may span lines).
            self.line = start
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            yield row


_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)
_PLAIN_OR_NUL = np.zeros(256, dtype=bool)
_PLAIN_OR_NUL[0] = True
_PLAIN_OR_NUL[0x21:0x7F] = True  # printable ASCII but the space


def _words_at(
    raw: npt.NDArray[np.uint8], positions: npt.NDArray[np.int64]
) -> npt.NDArray[np.uint64]:
    """The 8 bytes from each position of ``raw`` as a little-endian word (zeros past the
    end), through an unaligned view: no padded copy of the whole buffer."""
    size = raw.shape[0]
    base = max(0, size - 8)
    tail = np.zeros(16, dtype=np.uint8)
    tail[: size - base] = raw[base:]
    tail_words = np.ndarray(shape=(9,), dtype="<u8", buffer=tail, strides=(1,))
    if size < 8:
        return np.asarray(tail_words[positions], dtype=np.uint64)
    windows = np.ndarray(shape=(size - 7,), dtype="<u8", buffer=raw, strides=(1,))
    near_end = positions >= size - 7
    if not near_end.any():
        return np.asarray(windows[positions], dtype=np.uint64)
    out = np.empty(positions.shape[0], dtype=np.uint64)
    out[~near_end] = windows[positions[~near_end]]
    out[near_end] = tail_words[positions[near_end] - base]
    return out


class _VotesTable:
    """The VOTES section of a file without quotes, split into columns only when asked.

    Building the Python strings of every voter id and voter field (360,000 of them for
    Łódź 2022) was about 40% of the parse time; most callers never look at them.
    """

    def __init__(self, text: str, offset: int, width: int, final_newline: bool) -> None:
        self.text = text  # the section is text[offset:]
        self.offset = offset
        self.width = width
        self.final_newline = final_newline
        self._columns: list[list[str]] | None = None

    def columns(self) -> list[list[str]]:
        if self._columns is None:
            flat = self.text[self.offset :].replace("\n", ";").split(";")
            if self.final_newline:
                flat.pop()
            width = self.width
            self._columns = [flat[i::width] for i in range(width)]
            self.text = ""
        return self._columns


class _TextColumn(Sequence[str]):
    """One VOTES column (voter ids or another voter field) as a read-only sequence of
    strings: single entries are decoded from the bytes, the whole column is split from the
    text on first need."""

    __slots__ = ("_raw", "_starts", "_ends", "_table", "_index", "_list")

    def __init__(
        self,
        raw: npt.NDArray[np.uint8],
        starts: npt.NDArray[np.int64],
        ends: npt.NDArray[np.int64],
        table: _VotesTable,
        index: int,
    ) -> None:
        self._raw = raw
        self._starts = starts
        self._ends = ends
        self._table = table
        self._index = index
        self._list: list[str] | None = None

    def _items(self) -> list[str]:
        if self._list is None:
            self._list = self._table.columns()[self._index]
        return self._list

    def __len__(self) -> int:
        return int(self._starts.shape[0])

    @overload
    def __getitem__(self, k: int) -> str: ...

    @overload
    def __getitem__(self, k: slice) -> list[str]: ...

    def __getitem__(self, k: int | slice) -> str | list[str]:
        if isinstance(k, slice) or self._list is not None:
            return self._items()[k]
        n = len(self)
        if not -n <= k < n:
            raise IndexError("column index out of range")
        k %= n
        start, end = int(self._starts[k]), int(self._ends[k])
        return self._raw[start:end].tobytes().decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def plain_and_distinct(self) -> bool:
        """Whether every entry is non-empty printable ASCII without a space and no two are
        the same: the voter-id checks of the reader, on the bytes. ``False`` means "look
        at the strings" (maybe all is well, and the strings decide)."""
        sizes = self._ends - self._starts
        if not sizes.size:
            return True
        width = int(sizes.max())
        if int(sizes.min()) == 0 or width > 16:
            return False
        raw = self._raw
        words = np.empty((sizes.shape[0], 2), dtype="<u8")
        words[:, 0] = _words_at(raw, self._starts) & _LOW_BYTES[np.minimum(sizes, 8)]
        second = np.minimum(self._starts + 8, raw.shape[0] - 1)
        words[:, 1] = _words_at(raw, second) & _LOW_BYTES[np.clip(sizes - 8, 0, 8)]
        # The file has no NUL byte: a 0 is past an id's end, anything else is in it.
        if not np.all(_PLAIN_OR_NUL[words.view(np.uint8)]):
            return False
        # So two ids are equal exactly when their zero-padded 16 bytes are; a collision of
        # the hash below only sends the check to the strings.
        key = words[:, 0] ^ (words[:, 1] * np.uint64(0x9E3779B97F4A7C15))
        key.sort()
        return not bool(np.any(key[1:] == key[:-1]))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _TextColumn | list | tuple):
            return self._items() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._items())

    def __reduce__(self) -> tuple[type[list[str]], tuple[list[str]]]:
        return (list, (self._items(),))


def _detect_layout(raw: bytes) -> TextLayout:
    bom = raw.startswith(b"\xef\xbb\xbf")
    first = raw.find(b"\n")
    newline = "\r\n" if first > 0 and raw[first - 1 : first] == b"\r" else "\n"
    return TextLayout(newline=newline, final_newline=raw.endswith(b"\n"), bom=bom)


def read_pabulib(path: str | Path, *, strict: bool = False) -> Election:
    """Read a ``.pb`` file. Raises :class:`PabulibError` when it is malformed.

    Oddities real files contain are read with a warning (``Election.warnings``); with
    ``strict=True`` the first of them is an error instead.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PabulibError(str(path), None, None, f"cannot read file: {exc.strerror}") from None
    return parse_pabulib(raw, name=str(path), strict=strict)


def _quote_lines(text: str) -> list[int]:
    """Lines on which a field starts with a quote and goes on after the closing quote."""
    lines = []
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if '"' not in line:
            continue
        try:
            list(csv.reader([line], delimiter=";", quotechar='"', strict=True))
        except csv.Error as exc:
            if "expected after" in str(exc):
                lines.append(number)
    return lines


def parse_pabulib(
    content: bytes | str, name: str = "<string>", *, strict: bool = False
) -> Election:
    """Parse the text of a Pabulib file (``name`` is used in error messages)."""
    if isinstance(content, bytes):
        layout = _detect_layout(content)
        try:
            text = content.decode("utf-8-sig")
            body: bytes | memoryview | None = memoryview(content)[3:] if layout.bom else content
        except UnicodeDecodeError as exc:
            before = content[: exc.start].decode("utf-8-sig").splitlines()
            markers = [row.strip().upper() for row in before if row.strip().upper() in SECTIONS]
            section = markers[-1] if markers else None
            line = content[: exc.start].count(b"\n") + 1
            raise PabulibError(name, section, line, "not valid UTF-8 text") from None
    else:
        layout = _detect_layout(content.encode("utf-8", "surrogatepass"))
        text = content.removeprefix("\ufeff")
        body = None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise PabulibError(
            name, _section_at_line(text, line), line, "the file contains a NUL byte (\\x00)"
        )
    # A large file creates hundreds of thousands of small lists and strings, all alive until
    # the end; the cyclic garbage collector would re-scan them over and over (a third of the
    # parse time for 90,000 ballots) while finding nothing to free.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            head = _head_end(text)
            if head is not None:
                try:
                    reader = _Reader(text, name, head=head, body=body)
                    return _Parser(reader, layout, strict=strict).parse()
                except (PabulibError, _Restart):
                    pass  # the whole text decides, errors included
            return _Parser(_Reader(text, name, body=body), layout, strict=strict).parse()
        except _QuoteQuirk:
            pass
        lines = _quote_lines(text)
        problem = (
            "a field starts with a quote and goes on after the closing quote; "
            "read without the quotes, as the official count did"
        )
        if strict and lines:
            raise PabulibError(name, _section_at_line(text, lines[0]), lines[0], problem)
        parser = _Parser(_Reader(text, name, loose_quotes=True), layout, strict=strict)
        parser.early_warnings = [
            ReadWarning(name, _section_at_line(text, line), line, problem) for line in lines
        ]
        return parser.parse()
    finally:
        if was_enabled:
            gc.enable()


def _has_whitespace(text: str) -> bool:
    # Printable ASCII without a space has none: a check in C that needs no regular
    # expression (which takes several times longer on 90,000 voter ids).
    if text.isascii() and text.isprintable() and " " not in text:
        return False
    return _WHITESPACE.search(text) is not None


def _may_repeat(
    rows_of: npt.NDArray[np.int64],
    indices: npt.NDArray[np.int64],
    lengths: npt.NDArray[np.int64],
) -> bool:
    """Whether some ballot may list a project twice. For short ballots (all of them, in
    practice) each entry is compared with the next few, which is exact and much cheaper
    than sorting every entry; long ballots are left to the sort."""
    longest = int(lengths.max()) if lengths.size else 0
    if longest > 16:
        return True
    for d in range(1, longest):
        if np.any((indices[d:] == indices[:-d]) & (rows_of[d:] == rows_of[:-d])):
            return True
    return False


def _by_remainder(
    keys: npt.NDArray[np.generic], known: npt.NDArray[np.generic]
) -> npt.NDArray[np.int64] | None:
    """Position in ``known`` (distinct non-zero 64-bit words) of every key: the remainder of
    each word by some modulus that is different for all of them indexes a table (a search
    in a sorted array costs ten times more on Łódź 2022's 360,000 entries). An empty array
    when some key is not known; ``None`` when no modulus was found (searching is left to the
    caller)."""
    count = known.shape[0]
    if not 0 < count <= 1024:
        return None
    words_known: npt.NDArray[np.uint64] = known.astype(np.uint64)
    # With ~count**2 / 2 slots, one modulus in three leaves no two words on the same slot.
    for modulus in range(max(count * count // 2, 16), max(count * count // 2, 16) + 64):
        slots = words_known % np.uint64(modulus)
        if np.unique(slots).shape[0] == count:
            break
    else:
        return None
    table = np.full(modulus, count, dtype=np.int64)
    table[slots.astype(np.int64)] = np.arange(count, dtype=np.int64)
    words: npt.NDArray[np.uint64] = keys.astype(np.uint64, copy=False)
    found = table[(words % np.uint64(modulus)).astype(np.int64)]
    padded = np.append(words_known, np.uint64(0))  # no key is 0: no entry is empty
    if not np.array_equal(padded[found], words):
        return np.zeros(0, dtype=np.int64)
    return found


def _section_at_line(text: str, line: int) -> str | None:
    lines = re.split(r"\r\n|\r|\n", text)[: line - 1]
    markers = [row.strip().upper() for row in lines if row.strip().upper() in SECTIONS]
    return markers[-1] if markers else None


class _Parser:
    def __init__(self, reader: _Reader, layout: TextLayout, *, strict: bool = False) -> None:
        self.r = reader
        self.layout = layout
        self.strict = strict
        self.early_warnings: list[ReadWarning] = []
        self.warnings: list[ReadWarning] = []
        self.meta: dict[str, str] = {}
        self.meta_lines: dict[str, int] = {}
        self.projects: list[Project] = []
        self.project_columns: tuple[str, ...] = ()
        self.voter_columns: tuple[str, ...] = ()
        self.index: dict[str, int] = {}
        self.ballot_type: BallotType | None = None
        self.seen: list[str] = []
        self.vote_rows: list[list[str]] = []
        self.vote_columns: list[Sequence[str]] | None = None
        # (ballot lengths, project indices) read from the bytes, when nothing was odd
        self.fast_entries: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None = None
        self.votes_offset = 0
        self.votes_line: int | None = None
        self.profile: Profile | None = None

    def warn(self, problem: str, line: int | None = None) -> None:
        """Accept an oddity with a warning, or refuse it in strict mode."""
        if self.strict:
            raise self.r.error(f"{problem} (refused in strict mode)", line)
        r = self.r
        self.warnings.append(
            ReadWarning(r.file, r.section, r.line if line is None else line, problem)
        )

    def parse(self) -> Election:
        r = self.r
        header: list[str] | None = None
        rows = r.rows()
        for row in rows:
            marker = row[0].strip().upper() if len(row) == 1 else ""
            if marker in SECTIONS:
                self._start_section(marker)
                header = next(rows, None)
                if header is None:
                    raise r.error("the section has no header row")
                self._header(header)
                if marker == "VOTES":
                    self._votes_bulk()
                continue
            if r.section is None:
                raise PabulibError(
                    r.file, "META", r.line, "the file must start with a META section"
                )
            assert header is not None
            if len(row) != len(header):
                raise r.error(f"expected {len(header)} fields as in the header, found {len(row)}")
            if r.section == "META":
                self._meta_row(row)
            else:
                self._project_row(row)
        return self._finish()

    def _start_section(self, name: str) -> None:
        expected = SECTIONS[len(self.seen)] if len(self.seen) < len(SECTIONS) else None
        r = self.r
        if name in self.seen:
            raise PabulibError(r.file, name, r.line, f"section {name} appears twice")
        if name != expected:
            raise PabulibError(
                r.file, name, r.line, f"section {name} found where {expected} was expected"
            )
        if name == "PROJECTS":
            self._check_meta()
        self.seen.append(name)
        self.r.section = name

    def _header(self, header: list[str]) -> None:
        columns = tuple(c.strip() for c in header)
        if len(set(columns)) != len(columns):
            raise self.r.error("the header repeats a column name")
        if self.r.section == "META":
            if len(columns) != 2:
                raise self.r.error("the META header must have two columns (key;value)")
        elif self.r.section == "PROJECTS":
            for needed in ("project_id", "cost"):
                if needed not in columns:
                    raise self.r.error(f"the PROJECTS header has no '{needed}' column")
            self.project_columns = columns
        else:
            for needed in ("voter_id", "vote"):
                if needed not in columns:
                    raise self.r.error(f"the VOTES header has no '{needed}' column")
            assert self.ballot_type is not None
            if self.ballot_type.has_points and "points" not in columns:
                raise self.r.error(f"{self.ballot_type} ballots need a 'points' column")
            self.voter_columns = columns
            self.votes_line = self.r.line

    def _meta_row(self, row: list[str]) -> None:
        key, value = row[0].strip(), row[1]
        if not key:
            raise self.r.error("empty META key")
        if key in self.meta:
            raise self.r.error(f"META key '{key}' appears twice")
        self.meta[key] = value
        self.meta_lines[key] = self.r.line

    def _check_meta(self) -> None:
        r = self.r
        for needed in ("budget", "vote_type"):
            if needed not in self.meta:
                raise r.error(f"META has no '{needed}'", line=None)
        problem = amount_problem(self.meta["budget"], "budget")
        if problem:
            raise r.error(problem, self.meta_lines["budget"])
        for key in ("num_projects", "num_votes", "min_length", "max_length"):
            if key in self.meta and not _WHOLE.fullmatch(self.meta[key]):
                raise r.error(
                    f"{key} '{self.meta[key]}' is not a whole number from 0 to {MAX_COUNT - 1:,}",
                    self.meta_lines[key],
                )
        threshold = "min_project_score_threshold"
        if self.meta.get(threshold, "").strip():
            problem = amount_problem(self.meta[threshold], threshold)
            if problem:
                raise r.error(problem, self.meta_lines[threshold])
        try:
            self.ballot_type = BallotType(self.meta["vote_type"].strip().lower())
        except ValueError:
            known = ", ".join(t.value for t in BallotType)
            raise r.error(
                f"unknown vote_type '{self.meta['vote_type']}' (known: {known})",
                self.meta_lines["vote_type"],
            ) from None

    def _project_row(self, row: list[str]) -> None:
        fields = dict(zip(self.project_columns, row, strict=True))
        project_id = fields.pop("project_id").strip()
        cost_text = fields.pop("cost")
        if not project_id:
            raise self.r.error("empty project_id")
        if project_id in self.index:
            raise self.r.error(f"project '{project_id}' appears twice")
        problem = amount_problem(cost_text, "cost", f" of project '{project_id}'")
        if problem:
            raise self.r.error(problem)
        cost = parse_decimal(cost_text)
        selected = fields.get("selected")
        if selected is not None and selected.strip() not in ("0", "1"):
            raise self.r.error(
                f"selected '{selected}' of project '{project_id}' is neither 0 nor 1"
            )
        self.index[project_id] = len(self.projects)
        self.projects.append(Project(id=project_id, cost=cost, fields=fields))

    def _votes_bulk(self) -> None:
        """Read the whole VOTES section at C speed; it is checked column-wise afterwards.

        Per-row Python work dominated parsing of large files (90,000 ballots), so the rows are
        only collected here. Line numbers are recovered by re-reading, only for an error.
        """
        r = self.r
        self.votes_offset = r._io.tell()
        if r.head is not None and self.votes_offset != r.head:
            raise _Restart()
        columns = self._votes_without_quotes(self.votes_offset)
        if columns is not None:
            self.vote_columns = columns
            r._io.seek(0, io.SEEK_END)  # nothing left for the CSV reader
            return
        if r.head is not None:
            raise _Restart()  # the CSV reader must read the VOTES rows
        try:
            rows = list(r._csv)
        except csv.Error as exc:
            raise r.csv_error(exc, r._csv.line_num) from None
        self.vote_rows = rows

    def _votes_without_quotes(self, offset: int) -> list[Sequence[str]] | None:
        """The VOTES columns by plain splitting, when that is what the CSV reader would give.

        Pabulib's VOTES sections seldom quote anything; without a quote, a blank line or a
        lone carriage return, every line splits on ``;`` exactly as the CSV reader splits it,
        and the columns come out of one C-level split and slicing (Łódź 2022: a third of
        the time of the CSV reader plus the transposition). The structure (one line per
        voter, the header's number of fields on each) is checked on the bytes with NumPy,
        which also finds the ballot entries (:meth:`_fast_entries`). Anything else: ``None``,
        and the CSV reader does the work.
        """
        text = self.r.text
        if text.find('"', offset) >= 0:
            return None
        body = self.r.body
        if text.find("\r", offset) >= 0:
            text, offset = text[offset:].replace("\r\n", "\n"), 0
            if "\r" in text:
                return None
            raw = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        elif body is not None:
            # The file's own bytes from the section on: no copy, no encoding.
            start = len(text[:offset].encode("utf-8"))
            raw = np.frombuffer(body, dtype=np.uint8, offset=start)
        else:
            raw = np.frombuffer(text[offset:].encode("utf-8", "surrogatepass"), dtype=np.uint8)
        final_newline = bool(raw.shape[0]) and raw[-1] == ord("\n")
        ends = np.flatnonzero(raw == ord("\n"))
        if not final_newline:
            ends = np.append(ends, raw.shape[0])
        lines = ends.shape[0]
        if lines == 0:
            return None
        starts = np.empty(lines, dtype=np.int64)
        starts[0] = 0
        starts[1:] = ends[:-1] + 1
        if np.any(starts == ends):  # a blank line
            return None
        width = len(self.voter_columns)
        semicolons = np.flatnonzero(raw == ord(";"))
        if semicolons.shape[0] != lines * (width - 1):
            return None
        # With the total right, every line has width - 1 semicolons exactly when the k-th
        # run of width - 1 of them (in file order) lies within line k.
        grouped = semicolons.reshape(lines, width - 1)
        if width > 1 and (np.any(grouped[:, 0] < starts) or np.any(grouped[:, -1] >= ends)):
            return None
        self.fast_entries = self._fast_entries(raw, starts, ends, grouped)
        table = _VotesTable(text, offset, width, final_newline)
        field_starts = [starts, *(grouped[:, i] + 1 for i in range(width - 1))]
        field_ends = [*(grouped[:, i] for i in range(width - 1)), ends]
        return [_TextColumn(raw, field_starts[i], field_ends[i], table, i) for i in range(width)]

    def _fast_entries(
        self,
        raw: npt.NDArray[np.uint8],
        starts: npt.NDArray[np.int64],
        ends: npt.NDArray[np.int64],
        semicolons: npt.NDArray[np.int64],
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
        """Ballot lengths and project indices straight from the bytes of the vote column.

        Each entry between commas is compared, as a fixed-width byte string, with the sorted
        project ids. Only when every entry is exactly a project id (no spaces around it, no
        empty entry, no unknown project) is the answer used; otherwise ``None``, and
        :meth:`_convert_votes` reads the vote texts one by one, with its warnings and errors.
        """
        column = self.voter_columns.index("vote")
        last = semicolons.shape[1]
        field_start = starts if column == 0 else semicolons[:, column - 1] + 1
        field_end = ends if column == last else semicolons[:, column]
        commas = np.flatnonzero(raw == ord(","))
        line_of = np.searchsorted(field_end, commas)
        if line_of.size:
            np.minimum(line_of, starts.shape[0] - 1, out=line_of)
            inside = (commas >= field_start[line_of]) & (commas < field_end[line_of])
            commas, line_of = commas[inside], line_of[inside]
        per_line = np.bincount(line_of, minlength=starts.shape[0])
        tokens = per_line + 1
        total = int(tokens.sum())
        first = np.zeros(starts.shape[0], dtype=np.int64)
        np.cumsum(tokens[:-1], out=first[1:])
        # The k-th comma (in file order, on line L) ends entry k + L and starts the next.
        ended = np.arange(commas.shape[0], dtype=np.int64) + line_of
        token_start = np.empty(total, dtype=np.int64)
        token_start[first] = field_start
        token_start[ended + 1] = commas + 1
        token_end = np.empty(total, dtype=np.int64)
        token_end[first + per_line] = field_end
        token_end[ended] = commas
        blank = field_start == field_end  # an empty vote: no entries
        if blank.any():
            keep = np.repeat(~blank, tokens)
            token_start, token_end = token_start[keep], token_end[keep]
        lengths = np.where(blank, 0, tokens).astype(np.int64)
        size = token_end - token_start
        ids = [p.id.encode("utf-8", "surrogatepass") for p in self.projects]
        if not size.size:
            return lengths, np.zeros(0, dtype=np.int64)
        width = max(map(len, ids), default=0)
        if not ids or size.min() == 0 or size.max() > width or width > 200:
            return None
        if width <= 8:
            # Ids of up to 8 bytes compare as one integer each: the 8 bytes from where the
            # entry starts (an unaligned little-endian view), cut to the entry's length.
            keys: npt.NDArray[np.generic] = _words_at(raw, token_start) & _LOW_BYTES[size]
            known: npt.NDArray[np.generic] = np.frombuffer(
                np.array(ids, dtype="S8").tobytes(), dtype="<u8"
            )
            found = _by_remainder(keys, known)
            if found is not None:
                return (lengths, found) if found.size else None
        else:
            offsets = np.arange(width, dtype=np.int64)
            table = raw[np.minimum(token_start[:, None] + offsets, raw.shape[0] - 1)]
            table[offsets[None, :] >= size[:, None]] = 0
            keys = table.view(f"S{width}").ravel()
            known = np.array(ids, dtype=f"S{width}")
        order = np.argsort(known, kind="stable")
        ordered = known[order]
        where = np.minimum(np.searchsorted(ordered, keys), ordered.shape[0] - 1)
        if not np.array_equal(ordered[where], keys):
            return None
        return lengths, order[where].astype(np.int64)

    def _vote_lines(self, rows: list[int]) -> dict[int, int]:
        """Lines where the given VOTES rows start (a quoted field may span several lines)."""
        wanted = set(rows)
        found: dict[int, int] = {}
        reader = csv.reader(
            io.StringIO(self.r.text[self.votes_offset :], newline=""),
            delimiter=";",
            strict=not self.r.loose_quotes,
        )
        base = self.votes_line or 0
        previous_end = 0
        seen = -1
        try:
            for row in reader:
                if row and (len(row) > 1 or row[0].strip()):
                    seen += 1
                    if seen in wanted:
                        found[seen] = base + previous_end + 1
                        if len(found) == len(wanted):
                            break
                previous_end = reader.line_num
        except csv.Error:  # pragma: no cover - the same text was read before
            pass
        return {k: found.get(k, base + previous_end) for k in rows}

    def _vote_line(self, k: int) -> int:
        return self._vote_lines([k])[k]

    def _trailing_commas(
        self, texts: Sequence[str], what: str, voter_ids: Sequence[str]
    ) -> Sequence[str]:
        """Drop the empty last entry a trailing comma leaves, with a warning per row."""
        odd = [k for k, text in enumerate(texts) if text.endswith(",") and text.strip(", ")]
        if not odd:
            return texts
        lines = self._vote_lines(odd)
        texts = list(texts)
        for k in odd:
            self.warn(
                f"voter '{voter_ids[k]}': trailing comma in the {what}; the empty entry is "
                "ignored, as the official count did",
                lines[k],
            )
            texts[k] = texts[k].rstrip(", ")
        return texts

    def _columns_of(self, rows: list[list[str]], columns: tuple[str, ...]) -> dict[str, list[str]]:
        """The VOTES rows as columns, after checking that each has the header's width."""
        r = self.r
        width = len(columns)
        if set(map(len, rows)) - {width}:
            # Blank lines are allowed; they are the only rows shorter than two fields.
            rows = [row for row in rows if row and (len(row) > 1 or row[0].strip())]
        if set(map(len, rows)) - {width}:
            for k, row in enumerate(rows):
                if len(row) == width:
                    continue
                if len(row) == 1 and row[0].strip().upper() in SECTIONS:
                    raise r.error(
                        f"section {row[0].strip().upper()} found after VOTES, which must come last",
                        self._vote_line(k),
                    )
                raise r.error(
                    f"expected {width} fields as in the header, found {len(row)}",
                    self._vote_line(k),
                )
        return (
            dict(zip(columns, map(list, zip(*rows, strict=True)), strict=True))
            if rows
            else {c: [] for c in columns}
        )

    def _convert_votes(self) -> None:
        r = self.r
        r.section = "VOTES"
        columns = self.voter_columns
        by_column: dict[str, Sequence[str]]
        if self.vote_columns is not None:
            by_column = dict(zip(columns, self.vote_columns, strict=True))
        else:
            by_column = dict(self._columns_of(self.vote_rows, columns))
        voter_ids: Sequence[str] = by_column.pop("voter_id")
        if not (isinstance(voter_ids, _TextColumn) and voter_ids.plain_and_distinct()):
            voter_ids = self._checked_voter_ids(list(voter_ids))
        votes = by_column.pop("vote")
        if self.fast_entries is not None:
            lengths_array, indices = self.fast_entries
        else:
            lengths_array, indices = self._slow_entries(votes, voter_ids)
        rows_of = np.repeat(np.arange(len(votes), dtype=np.int64), lengths_array)
        assert self.ballot_type is not None
        point_texts: Sequence[str] | None = None
        if self.ballot_type.has_points:
            point_texts = by_column.pop("points")
            if any(text.endswith(",") for text in point_texts):
                point_texts = self._trailing_commas(point_texts, "points", voter_ids)
        keep = None
        if indices.size and _may_repeat(rows_of, indices, lengths_array):
            key = rows_of * (len(self.projects) + 1) + indices
            _, first = np.unique(key, return_index=True)
            if first.size != key.size:
                keep = np.zeros(key.size, dtype=bool)
                keep[first] = True
                self._listed_twice(rows_of, indices, keep, voter_ids)
        values = None
        scale = 1
        if point_texts is not None:
            values, scale = self._points(point_texts, lengths_array.tolist(), voter_ids)
        if keep is not None:
            indices = indices[keep]
            lengths_array = np.bincount(rows_of[keep], minlength=len(votes)).astype(np.int64)
        lengths = lengths_array.tolist()
        if self.ballot_type is BallotType.CHOOSE_1 and lengths and max(lengths) > 1:
            over = next(k for k, n in enumerate(lengths) if n > 1)
            raise r.error(
                f"voter '{voter_ids[over]}' chose {lengths[over]} projects on a choose-1 ballot",
                self._vote_line(over),
            )
        indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths_array, out=indptr[1:])
        self.profile = Profile(
            ballot_type=self.ballot_type,
            indptr=indptr,
            indices=indices,
            values=values,
            value_scale=scale,
            voter_ids=voter_ids,
            voter_fields=by_column,
        )

    def _checked_voter_ids(self, voter_ids: list[str]) -> list[str]:
        """The voter ids, stripped, after checking that none is empty and none repeats."""
        r = self.r
        if _has_whitespace("".join(voter_ids)):
            voter_ids = [v.strip() for v in voter_ids]
        if not all(voter_ids):
            k = voter_ids.index("")
            raise r.error("empty voter_id", self._vote_line(k))
        if len(set(voter_ids)) != len(voter_ids):
            seen: set[str] = set()
            for k, voter in enumerate(voter_ids):
                if voter in seen:
                    raise r.error(f"voter '{voter}' appears twice", self._vote_line(k))
                seen.add(voter)
        return voter_ids

    def _slow_entries(
        self, votes: Sequence[str], voter_ids: Sequence[str]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Ballot lengths and project indices from the vote texts, with every warning."""
        r = self.r
        joined = ",".join(votes)
        if _WHITESPACE.search(joined):
            # Rare: spaces around ids, or a blank ballot written as spaces.
            votes = [",".join(t.strip() for t in v.split(",")) if v.strip() else "" for v in votes]
        if ",," in joined or joined.endswith(","):
            votes = self._trailing_commas(votes, "vote", voter_ids)
        joined = ",".join(votes)
        lengths_array = (
            np.fromiter(map(str.count, votes, repeat(",")), dtype=np.int64, count=len(votes)) + 1
        )
        if not all(votes):
            empty = np.fromiter((not v for v in votes), dtype=bool, count=len(votes))
            lengths_array[empty] = 0
            joined = ",".join(v for v in votes if v)
        tokens = joined.split(",") if joined else []
        index = self.index
        try:
            indices = np.fromiter(map(index.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        except KeyError:
            for k, vote in enumerate(votes):
                for t in vote.split(",") if vote else []:
                    if t not in index:
                        what = f"unknown project '{t}'" if t else "an empty project id"
                        raise r.error(
                            f"voter '{voter_ids[k]}' votes for {what}", self._vote_line(k)
                        ) from None
            raise
        return lengths_array, indices

    def _listed_twice(
        self,
        rows_of: npt.NDArray[np.int64],
        indices: npt.NDArray[np.int64],
        keep: npt.NDArray[np.bool_],
        voter_ids: Sequence[str],
    ) -> None:
        """A project twice in one vote: counted once (approval, choose-1, ordinal), with a
        warning per row; on points ballots it is an error (which points would count?)."""
        assert self.ballot_type is not None
        repeated = np.flatnonzero(~keep)
        voters = sorted({int(rows_of[e]) for e in repeated})
        lines = self._vote_lines(voters)
        names = {
            v: [self.projects[int(indices[e])].id for e in repeated if rows_of[e] == v]
            for v in voters
        }
        for voter in voters:
            listed = ", ".join(f"'{p}'" for p in dict.fromkeys(names[voter]))
            if self.ballot_type.has_points:
                raise self.r.error(
                    f"voter '{voter_ids[voter]}' lists project {listed} twice, with points "
                    "each time",
                    lines[voter],
                )
            self.warn(
                f"voter '{voter_ids[voter]}' lists project {listed} twice; counted once, "
                "as the official count did",
                lines[voter],
            )

    def _points(
        self, texts: Sequence[str], lengths: list[int], voter_ids: Sequence[str]
    ) -> tuple[npt.NDArray[np.int64], int]:
        r = self.r
        numbers: list[int | Fraction] = []
        places = 0
        for k, text in enumerate(texts):
            tokens = [t.strip() for t in text.split(",")] if text.strip() else []
            if len(tokens) != lengths[k]:
                raise r.error(
                    f"voter '{voter_ids[k]}' gives {len(tokens)} points for {lengths[k]} projects",
                    self._vote_line(k),
                )
            for token in tokens:
                if token.isdigit() and len(token) < 16:
                    numbers.append(int(token))
                    continue
                try:
                    number = parse_decimal(token)
                except ValueError:
                    raise r.error(
                        f"voter '{voter_ids[k]}' gives points '{token[:40]}', not a number",
                        self._vote_line(k),
                    ) from None
                if written_places(number) > MAX_POINT_DECIMALS or abs(number) > MAX_POINT_UNITS:
                    raise r.error(
                        f"voter '{voter_ids[k]}' gives points '{token[:40]}': more points than "
                        f"this engine handles exactly (at most {MAX_POINT_UNITS:,} in units of "
                        f"the smallest decimal place, with at most {MAX_POINT_DECIMALS} places)",
                        self._vote_line(k),
                    )
                places = max(places, written_places(number))
                numbers.append(Fraction(number))
        scale = 10**places
        scaled = [int(v * scale) for v in numbers]
        if scaled and max(map(abs, scaled)) > MAX_POINT_UNITS:
            first = next(i for i, v in enumerate(scaled) if abs(v) > MAX_POINT_UNITS)
            k = int(np.searchsorted(np.cumsum(lengths), first, side="right"))
            raise r.error(
                f"voter '{voter_ids[k]}' gives more points than this engine handles exactly "
                f"(at most {MAX_POINT_UNITS:,} in units of {Fraction(1, scale)})",
                self._vote_line(k),
            )
        return np.asarray(scaled, dtype=np.int64), scale

    def _finish(self) -> Election:
        r = self.r
        if len(self.seen) < len(SECTIONS):
            missing = SECTIONS[len(self.seen)]
            raise PabulibError(
                r.file, r.section, r.line or None, f"the file has no {missing} section"
            )
        assert self.ballot_type is not None
        self._convert_votes()
        assert self.profile is not None
        r.section = "META"
        counts = (("num_projects", len(self.projects)), ("num_votes", self.profile.num_voters))
        for key, actual in counts:
            if key in self.meta:
                try:
                    declared = int(self.meta[key].strip())
                except ValueError:
                    raise r.error(
                        f"{key} '{self.meta[key]}' is not a whole number", self.meta_lines[key]
                    ) from None
                if declared != actual:
                    raise r.error(
                        f"{key} is {declared} but the file has {actual}", self.meta_lines[key]
                    )
        return Election(
            budget=parse_decimal(self.meta["budget"]),
            projects=tuple(self.projects),
            profile=self.profile,
            meta=self.meta,
            project_columns=self.project_columns,
            voter_columns=self.voter_columns,
            layout=self.layout,
            warnings=tuple(self.early_warnings + self.warnings),
        )


def _format_points(value: int, scale: int) -> str:
    if scale == 1:
        return str(value)
    places = len(str(scale)) - 1
    sign = "-" if value < 0 else ""
    whole, rest = divmod(abs(value), scale)
    text = f"{whole}.{rest:0{places}d}".rstrip("0").rstrip(".")
    return sign + text


def _same_number(text: str, value: Decimal | int) -> bool:
    try:
        return parse_decimal(text) == value
    except (InvalidOperation, ValueError):
        return False


def _meta_rows(election: Election) -> list[list[str]]:
    # Values the model owns win over stale text; unchanged text is written as it was.
    typed: dict[str, Decimal | int | str] = {
        "num_projects": len(election.projects),
        "num_votes": election.num_voters,
        "budget": election.budget,
        "vote_type": election.ballot_type.value,
    }
    meta = dict(election.meta)
    for key, value in typed.items():
        current = meta.get(key)
        if isinstance(value, str):
            if current is None or current.strip().lower() != value:
                meta[key] = value
        elif current is None or not _same_number(current, value):
            meta[key] = str(value)
    return [[k, v] for k, v in meta.items()]


def _project_columns(election: Election) -> tuple[str, ...]:
    columns = list(election.project_columns or ("project_id", "cost"))
    for project in election.projects:
        for key in project.fields:
            if key not in columns:
                columns.append(key)
    return tuple(columns)


def format_pabulib(election: Election) -> str:
    """The election as Pabulib text (see :func:`write_pabulib`)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator=election.layout.newline)
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(_meta_rows(election))

    columns = _project_columns(election)
    writer.writerow(["PROJECTS"])
    writer.writerow(columns)
    for project in election.projects:
        cells = []
        for column in columns:
            if column == "project_id":
                cells.append(project.id)
            elif column == "cost":
                cells.append(str(project.cost))
            else:
                cells.append(project.fields.get(column, ""))
        writer.writerow(cells)

    profile = election.profile
    voter_columns = list(election.voter_columns or ("voter_id", "vote"))
    if profile.ballot_type.has_points and "points" not in voter_columns:
        voter_columns.insert(voter_columns.index("vote") + 1, "points")
    for key in profile.voter_fields:
        if key not in voter_columns:
            voter_columns.append(key)
    writer.writerow(["VOTES"])
    writer.writerow(voter_columns)
    ids = election.project_ids
    voter_ids = list(profile.voter_ids) or [str(i + 1) for i in range(profile.num_voters)]
    indptr = profile.indptr.tolist()
    indices = profile.indices.tolist()
    values = profile.values.tolist() if profile.values is not None else None
    extra = {k: profile.voter_fields[k] for k in voter_columns if k in profile.voter_fields}
    for voter in range(profile.num_voters):
        start, end = indptr[voter], indptr[voter + 1]
        cells = []
        for column in voter_columns:
            if column == "voter_id":
                cells.append(voter_ids[voter])
            elif column == "vote":
                cells.append(",".join(ids[p] for p in indices[start:end]))
            elif column == "points" and values is not None:
                cells.append(
                    ",".join(_format_points(v, profile.value_scale) for v in values[start:end])
                )
            else:
                cells.append(extra[column][voter] if column in extra else "")
        writer.writerow(cells)
    text = out.getvalue()
    if not election.layout.final_newline:
        text = text.removesuffix(election.layout.newline)
    return text


def write_pabulib(election: Election, path: str | Path) -> None:
    """Write ``election`` as a ``.pb`` file, keeping the layout it was read with."""
    encoding = "utf-8-sig" if election.layout.bom else "utf-8"
    Path(path).write_bytes(format_pabulib(election).encode(encoding))
