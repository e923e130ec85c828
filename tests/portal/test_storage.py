"""Private storage: names stay under the root; a write is atomic (all or nothing), durable, and 0600."""

import os
import stat

import pytest

from portal.common.storage import (
    delete_private,
    open_private,
    path_of,
    private_root,
    private_writer,
    read_private,
    write_private,
)


def entries(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.mark.parametrize("name", ["../x", "documents/../../x", "/etc/passwd", "", "."])
def test_a_name_that_escapes_the_root_is_refused(name):
    with pytest.raises(ValueError, match="escapes the private root"):
        path_of(name)
    with pytest.raises(ValueError, match="escapes the private root"):
        write_private(name, b"x")
    assert not private_root().exists() or not any(private_root().rglob("*"))


def test_the_root_is_read_when_called(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "elsewhere"
    write_private("a/b.pdf", b"%PDF")
    assert (tmp_path / "elsewhere" / "a" / "b.pdf").read_bytes() == b"%PDF"
    assert private_root() == (tmp_path / "elsewhere").resolve()


def test_a_written_file_reads_back_and_only_its_owner_may_read_it():
    path = write_private("letters/2026/FSC-NAL-2026-0001.pdf", b"%PDF-1.7 letter")
    assert path == path_of("letters/2026/FSC-NAL-2026-0001.pdf")
    assert read_private("letters/2026/FSC-NAL-2026-0001.pdf") == b"%PDF-1.7 letter"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with open_private("letters/2026/FSC-NAL-2026-0001.pdf") as handle:
        assert handle.read() == b"%PDF-1.7 letter"
    assert entries(path.parent) == ["FSC-NAL-2026-0001.pdf"]  # no temporary file left behind


def test_a_missing_file_is_file_not_found_and_deleting_it_is_harmless():
    with pytest.raises(FileNotFoundError):
        read_private("documents/1/missing.pdf")
    with pytest.raises(FileNotFoundError):
        open_private("documents/1/missing.pdf")
    delete_private("documents/1/missing.pdf")
    write_private("documents/1/here.pdf", b"x")
    delete_private("documents/1/here.pdf")
    assert not path_of("documents/1/here.pdf").exists()


def test_a_write_that_fails_midway_leaves_neither_a_partial_file_nor_a_temporary_one():
    with pytest.raises(RuntimeError), private_writer("exports/1.csv", prefix=".export-") as handle:
        handle.write(b"header\n")
        raise RuntimeError("the query failed after the first rows")
    assert entries(path_of("exports/1.csv").parent) == []


def test_a_failed_overwrite_keeps_the_old_file_whole():
    write_private("exports/1.csv", b"old,complete\n")
    with pytest.raises(TypeError):
        write_private("exports/1.csv", "not bytes")
    with pytest.raises(KeyboardInterrupt), private_writer("exports/1.csv") as handle:
        handle.write(b"new,part")
        raise KeyboardInterrupt
    assert read_private("exports/1.csv") == b"old,complete\n"
    assert entries(path_of("exports/1.csv").parent) == ["1.csv"]


def test_a_failed_rename_removes_the_temporary_file(monkeypatch):
    write_private("letters/2026/a.pdf", b"old")

    def refuse(src, dst):
        raise OSError("rename refused")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="rename refused"):
        write_private("letters/2026/a.pdf", b"new")
    monkeypatch.undo()
    assert read_private("letters/2026/a.pdf") == b"old"
    assert entries(path_of("letters/2026/a.pdf").parent) == ["a.pdf"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only directory")
def test_a_write_into_a_read_only_directory_fails_and_leaves_nothing():
    write_private("documents/7/a.pdf", b"old")
    directory = path_of("documents/7/a.pdf").parent
    directory.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            write_private("documents/7/a.pdf", b"new")
    finally:
        directory.chmod(0o700)
    assert read_private("documents/7/a.pdf") == b"old"
    assert entries(directory) == ["a.pdf"]


def test_an_overwrite_replaces_the_file_at_once():
    write_private("exports/2.xlsx", b"version one")
    with open_private("exports/2.xlsx") as reader_before:
        with private_writer("exports/2.xlsx", prefix=".export-") as handle:
            handle.write(b"version two, ")
            # While the new file is written, readers see the old one whole, and the new bytes sit in a
            # temporary file beside it.
            assert read_private("exports/2.xlsx") == b"version one"
            temporary = [n for n in entries(path_of("exports/2.xlsx").parent) if n != "2.xlsx"]
            assert len(temporary) == 1 and temporary[0].startswith(".export-")
            handle.write(b"complete")
        assert read_private("exports/2.xlsx") == b"version two, complete"
        assert reader_before.read() == b"version one"  # a reader that had the old file keeps it
    assert entries(path_of("exports/2.xlsx").parent) == ["2.xlsx"]
    assert stat.S_IMODE(path_of("exports/2.xlsx").stat().st_mode) == 0o600


def test_the_file_and_its_directory_reach_the_disk_before_the_write_returns(monkeypatch):
    synced = []
    fsync = os.fsync

    def recording_fsync(fd):
        synced.append("directory" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    write_private("letters/2026/b.pdf", b"%PDF")
    assert synced == ["file", "directory"]
