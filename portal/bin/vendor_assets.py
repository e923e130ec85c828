"""Copy the front-end files the portal serves from node_modules into portal/static/vendor/."""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE = ROOT / "node_modules"
VENDOR = ROOT / "portal" / "static" / "vendor"

# (source under node_modules, destination under vendor/); directories are copied whole.
FILES = [
    ("krds-uiux/resources", "krds"),
    ("pretendard/dist/web/static", "pretendard"),
    ("axe-core/axe.min.js", "axe/axe.min.js"),
]


def main() -> None:
    for source, target in FILES:
        src, dst = NODE / source, VENDOR / target
        if not src.exists():
            continue  # axe-core is installed for tests only
        if src.is_dir():
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(src, dst)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


if __name__ == "__main__":
    main()
