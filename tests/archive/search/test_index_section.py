"""The index's meta section read in place (disk/section.py): the same Meta as decoding it whole,
and a section that is damaged, of the wrong shape or cut short refused with the reason; the pages
it reads let go (mapped.let_go)."""

from __future__ import annotations

import mmap
import os
import zlib
from pathlib import Path

import msgspec
import pytest

from tui.archive.search.disk import reading, section
from tui.archive.search.disk.format import META_DEC, Footer, IndexError_, Meta
from tui.archive.search.disk.mapped import let_go
from tui.archive.search.opening import load


def _footer(data: bytes) -> Footer:
    length, _ = reading.TAIL.unpack(data[-reading.TAIL_SIZE:][:reading.TAIL.size])
    raw = data[-reading.TAIL_SIZE - length:-reading.TAIL_SIZE]
    return msgspec.convert(msgspec.msgpack.decode(raw), Footer)


def _read(path: Path, at: int, length: int, crc: int) -> object:
    fd = os.open(path, os.O_RDONLY)
    try:
        return section.read_meta(fd, at, length, crc)
    finally:
        os.close(fd)


def test_the_meta_section_read_in_place_is_the_one_decoded_whole(archive_dir: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cold = load([archive_dir])
    assert cold.cache is not None
    path = reading.index_path(cold.cache)
    data = path.read_bytes()
    footer = _footer(data)
    whole = data[footer.meta_at:footer.meta_at + footer.meta_len]
    monkeypatch.setattr(section, "CHUNK", 4096)  # (checked a page at a time: every piece's border)
    assert _read(path, footer.meta_at, footer.meta_len, footer.meta_crc) == META_DEC.decode(whole)

    flipped = tmp_path / "flipped"  # a byte of the section changed: its checksum says so
    middle = footer.meta_at + footer.meta_len // 2
    flipped.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:])
    with pytest.raises(IndexError_, match="checksum"):
        _read(flipped, footer.meta_at, footer.meta_len, footer.meta_crc)

    shaped = tmp_path / "shaped"  # checksummed right, but not a Meta: too few fields, or wrong types
    numbers = list(range(len(Meta.__struct_fields__)))
    for wrong in (msgspec.msgpack.encode([b"ids", b"titles"]), msgspec.msgpack.encode(numbers)):
        shaped.write_bytes(b"x" * 5000 + wrong)
        with pytest.raises(IndexError_, match="damaged"):
            _read(shaped, 5000, len(wrong), zlib.crc32(wrong))

    cut = tmp_path / "cut"  # the file ends before the section does
    cut.write_bytes(data[:footer.meta_at + 10])
    with pytest.raises(IndexError_):
        _read(cut, footer.meta_at, footer.meta_len, footer.meta_crc)


def _resident_kb(path: Path) -> int:
    """This process's resident pages of `path`'s mappings (/proc/self/smaps), in kB."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if "-" in fields[0] and len(fields) >= 5:  # a mapping's header line
            inside = len(fields) == 6 and fields[5] == str(path)
        elif inside and fields[0] == "Rss:":
            total += int(fields[1])
    return total


@pytest.mark.skipif(not Path("/proc/self/smaps").exists() or not hasattr(mmap, "MADV_DONTNEED"),
                    reason="reads /proc/self/smaps (Linux)")
def test_pages_let_go_leave_the_process_and_read_the_same_again(tmp_path: Path) -> None:
    # what the meta section's read and the texts' check rely on to stay small: the pages read go
    path = tmp_path / "mapped"
    data = os.urandom(4 << 20)
    path.write_bytes(data)
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        assert zlib.crc32(mm) == zlib.crc32(data)  # every page read
        before = _resident_kb(path)
        let_go(mm, (1 << 20) + 100, 2 << 20)  # (not on a page's edge: the pages it touches go)
        after = _resident_kb(path)
        assert before >= 4000 and before - after >= 2048
        assert mm[(1 << 20):(3 << 20)] == data[(1 << 20):(3 << 20)] and mm[-10:] == data[-10:]
