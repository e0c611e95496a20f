"""Regenerate tests/golden/tiny from the tiny fixture project (run: make golden).

Review the diff before committing: the golden files are what the tests hold the generator to.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.build import Project, generate  # noqa: E402
from generator.write import write_pages  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "tiny"
EPOCH = "1767225600"  # 1 January 2026: golden packs carry this date, whatever the commit


def main() -> int:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    result = generate(Project(ROOT / "tests" / "fixtures" / "tiny"))
    if result.exit_code:
        print("\n".join(d.format() for d in result.diagnostics), file=sys.stderr)
        return 1
    shutil.rmtree(GOLDEN, ignore_errors=True)
    write_pages(result.pages, GOLDEN)
    print(f"Wrote {len(result.pages)} files to {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
