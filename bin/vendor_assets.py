"""Copy the front-end files the portal serves from node_modules into portal/static/vendor/.

Only what the pages use is copied, keeping the relative layout the stylesheets expect:
KRDS's compiled stylesheet imports ``../../css/token/krds_tokens.css`` and points its icons at
``../../img/component/icon/``. KRDS's ``cdn/`` bundle is not used: it loads its icons from krds.go.kr.
"""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "node_modules"
VENDOR = ROOT / "portal" / "static" / "vendor"

KRDS = "krds-uiux/resources"
PRETENDARD = "pretendard/dist/web/static/woff2-subset"

# (source under node_modules, destination under vendor/); directories are copied whole.
FILES = [
    (f"{KRDS}/css/component/output.css", "krds/css/component/output.css"),
    (f"{KRDS}/css/token/krds_tokens.css", "krds/css/token/krds_tokens.css"),
    (f"{KRDS}/img/component", "krds/img/component"),
    (f"{KRDS}/js/component/ui-script.js", "krds/js/component/ui-script.js"),
    # KRDS sets only two weights (400 and 700); portal/static/portal/fonts.css declares them.
    (f"{PRETENDARD}/Pretendard-Regular.subset.woff2", "pretendard/Pretendard-Regular.subset.woff2"),
    (f"{PRETENDARD}/Pretendard-Bold.subset.woff2", "pretendard/Pretendard-Bold.subset.woff2"),
    ("axe-core/axe.min.js", "axe/axe.min.js"),
]
OPTIONAL = {"axe-core/axe.min.js"}  # installed for tests only


def main() -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)  # nothing stale survives a version change
    for source, target in FILES:
        src, dst = NODE / source, VENDOR / target
        if not src.exists():
            if source in OPTIONAL:
                continue
            raise SystemExit(f"{src} is missing: run `npm ci` first (make run does).")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)


if __name__ == "__main__":
    main()
