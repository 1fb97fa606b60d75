#!/usr/bin/env bash
# meeting_with_notetaker.sh — a meeting with a note-taker attached, as one command for the
# team's idle-CPU instrument, which measures the meeting's process tree against a bare app:
#
#   START_KEYS=Space PERF_PYTHON=.venv/bin/python \
#     ../shared/perf/idle_cpu.sh bash bench/meeting_with_notetaker.sh
#
# The note-taker (`caseroom notes`) runs in a tmux server of its own, so its CPU is not counted:
# what is measured is what a second writer costs the meeting (it looks at the inbox every
# 0.5 s). NOTETAKER=0 runs the meeting alone, for the same run's comparison.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CASEROOM="${CASEROOM:-$HERE/.venv/bin/caseroom}"
WORK="$(mktemp -d -t caseroom-notes-idle.XXXXXX)"
SESSION="$WORK/meeting.toml"
SOCK="caseroom_notes_idle_$$"
if [[ "${NOTETAKER:-1}" == 1 ]]; then
  # the note-taker attaches once the meeting has its session (the meeting's start screen is
  # skipped by --people; it starts on START_KEYS)
  (for _ in $(seq 100); do [[ -f "$SESSION" ]] && break; sleep 0.1; done
   tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
     "$CASEROOM notes '$SESSION' --as Cille" ) &
  trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
fi
"$CASEROOM" run --session "$SESSION" --people "Anna:læge,Bo:sygeplejerske,Cille:sekretær"
