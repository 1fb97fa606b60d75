from __future__ import annotations

from caseroom.cli import main

raise SystemExit(main())
