#!/usr/bin/env bash
# The property test "whatever is saved loads back" with many more generated meetings than the
# suite's 40: prints Hypothesis's statistics (how many meetings, how long each took).
# Usage: bash bench/property_meetings.sh [EXAMPLES]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
CASEROOM_PROPERTY_EXAMPLES="${1:-1000}" .venv/bin/python -m pytest -p no:cacheprovider -q -n 0 \
    tests/store/test_saved_loads_back.py --hypothesis-show-statistics
