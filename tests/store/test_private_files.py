"""Every file coachdesk makes is the user's alone (0600, folders 0700), whatever the umask
of the process that uses it — and whatever the mode of a file it writes over."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.store.journal_files import python

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

# The store used as a library, without the app's start-up umask: journal, log files,
# lock, backups (into the folder and over a 0644 file), an export over a 0644 file,
# a protected journal's files after protecting, and a restore.
LIBRARY = """
import os, sys
from pathlib import Path
from coachdesk.paths import resolve
from coachdesk.store import protection, transfer
from coachdesk.store.db import Journal
from coachdesk.store.restore import restore
data, out = Path(sys.argv[1]), Path(sys.argv[2])
paths = resolve(data)
with Journal.open(paths) as journal:
    with journal.write("reps") as db:
        db.conn.execute(
            "INSERT INTO reps(name, created_at, updated_at) "
            "VALUES ('Ana', '2026-01-01', '2026-01-01')"
        )
    journal.backup("manual")
    journal.backup("manual", out / "copy.coachdesk")
    transfer.write_export(transfer.export_data(journal), out / "export.json")
    print("open", flush=True)
    backup = journal.backup("manual")
restore(paths, backup)
with Journal.open(paths) as journal:
    protection.protect(journal, "a passphrase")
    with journal.write("reps") as db:
        db.conn.execute("UPDATE reps SET title = 'AE'")
print("done", flush=True)
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_every_file_is_private_under_any_umask(tmp_path: Path, umask: int) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    for name in ("copy.coachdesk", "export.json"):
        (out / name).write_text("an older file, readable by all")
        (out / name).chmod(0o644)
    proc = python(LIBRARY, str(data), str(out), umask=umask)
    stdout, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert stdout == "open\ndone\n"

    made = [data, *data.rglob("*"), out / "copy.coachdesk", out / "export.json"]
    assert len(made) > 6
    for path in made:
        want = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == want, f"{path.relative_to(tmp_path)} is {oct(_mode(path))}"
    assert not [p for p in out.iterdir() if p.name.endswith(".partial")]
