"""The embedded mode (SQLite, no Redis): letters are issued in-process, exactly once, gapless."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_embedded_mode_issues_letters_in_process_and_limits_verification(tmp_path):
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "embedded.sqlite3"), "PORTAL_VAR_DIR": str(tmp_path / "var")}
    out = subprocess.run([sys.executable, str(ROOT / "tests/letters/embedded_issue.py")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["eager"] is True and result["vendor"] == "sqlite"
    assert result["errors"] == []
    assert result["applications"] == result["expected"]  # the approved one was issued after commit
    year = result["references"][0].split("-")[2]
    assert result["references"] == [f"FSC-NAL-{year}-{n:04d}" for n in (1, 2, 3)]
    assert result["statuses"] == [200, 429] and result["last_status"] == 429  # the file cache counts
