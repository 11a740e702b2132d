#!/usr/bin/env bash
# Times `recap export --format csv` of everything against the sqlite3 shell
# printing the same rows as CSV from the same file, side by side, and prints
# both times and their ratio (target: recap within 1.5x of sqlite3); then,
# from the same file in the same run, the raw floor (`sqlite3 -csv FILE
# 'select * from answers'`: every answer row, nothing joined or ordered),
# the FHIR export against the JSON export, and the import of the JSON export
# into a new file against writing that export (with peak memory).
#
#   scripts/export-vs-sqlite3.sh [DB]        # default DB: /tmp/recap-big.db
#
# Environment: RUNS (default 3), PROFILES and WEEKS for a new file (500, 520),
# CHECK=1 to also compare the two outputs row by row (needs python3; slow),
# BIN_DIR=DIR to time another build's binaries (DIR/recap, DIR/examples/seed
# and DIR/examples/csv_sql, e.g. a copy of an earlier build's target/release)
# rather than building this tree.
#
# The file is made with examples/seed.rs when it does not exist, and reused
# after that. sqlite3 gets the same rows: every answer of every completed
# check-in in the same order, with item text and option labels from the
# stored questionnaire snapshots (put into two small temporary tables by
# examples/csv_sql.rs). Both write to /dev/null. Wall time on a busy machine
# depends on the other load, so user+system CPU time is printed as well.
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${1:-/tmp/recap-big.db}"
RUNS="${RUNS:-3}"
PROFILES="${PROFILES:-500}"
WEEKS="${WEEKS:-520}"

missing=0
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "MISSING TOOL: sqlite3 (the command-line shell) is not installed; install it with" >&2
  echo "  apt-get install -y sqlite3   (Debian/Ubuntu)   or   brew install sqlite   (macOS)" >&2
  missing=1
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "MISSING TOOL: cargo is not installed (https://rustup.rs)" >&2
  missing=1
fi
[ "$missing" = 0 ] || exit 2
HAVE_HYPERFINE=0
if command -v hyperfine >/dev/null 2>&1; then
  HAVE_HYPERFINE=1
else
  echo "note: hyperfine is not installed (apt-get install -y hyperfine); timing with /usr/bin/time instead" >&2
fi
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "note: /usr/bin/time is not installed (apt-get install -y time); no peak-memory figures" >&2
  TIME=""
fi

if [ -n "${BIN_DIR:-}" ]; then
  echo "== binaries from $BIN_DIR"
  RECAP="$BIN_DIR/recap"
  EXAMPLES="$BIN_DIR/examples"
else
  echo "== building (release)"
  cargo build --release --quiet --bin recap --example seed --example csv_sql
  RECAP="$PWD/target/release/recap"
  EXAMPLES="$PWD/target/release/examples"
fi

if [ ! -f "$DB" ]; then
  echo "== generating $DB ($PROFILES people x $WEEKS weeks)"
  "$EXAMPLES/seed" --db "$DB" --profiles "$PROFILES" --weeks "$WEEKS"
else
  echo "== reusing $DB"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export RECAP_CONFIG_DIR="$WORK/config"
# Opening the file first brings an older file to the current schema, so
# that neither timed run includes an upgrade.
"$EXAMPLES/csv_sql" --db "$DB" > "$WORK/export.sql"
"$EXAMPLES/csv_sql" --db "$DB" --no-order > "$WORK/export-unordered.sql"
RECAP_CMD="$RECAP --db $DB export --format csv"
SQLITE_CMD="sqlite3 -bail $DB < $WORK/export.sql"
FLOOR_CMD="sqlite3 -bail $DB < $WORK/export-unordered.sql"

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(free -g 2>/dev/null | awk '/Mem:/{print $2 " GB"}') memory, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
# Schema 10 keys answers by the check-in's number, earlier ones by its id.
if [ "$(sqlite3 "$DB" 'PRAGMA user_version')" -ge 10 ]; then JOIN_ON="s.seq = a.session_seq"; else JOIN_ON="s.id = a.session_id"; fi
echo "== sqlite3 $(sqlite3 --version | cut -d' ' -f1); $(sqlite3 "$DB" "SELECT count(*) FROM answers a JOIN sessions s ON $JOIN_ON WHERE s.status = 'completed'") answer rows"

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# measure NAME CMD -> sets WALL CPU RSS (seconds, seconds, MB)
measure() {
  local name="$1" cmd="$2"
  if [ "$HAVE_HYPERFINE" = 1 ]; then
    hyperfine --style basic --warmup 1 --runs "$RUNS" --export-csv "$WORK/$name.csv" \
      --command-name "$name" "$cmd" >&2
    # command,mean,stddev,median,user,system,min,max
    WALL=$(awk -F, 'NR==2{print $4}' "$WORK/$name.csv")
    CPU=$(awk -F, 'NR==2{print $5+$6}' "$WORK/$name.csv")
  else
    bash -c "$cmd" > /dev/null # warm-up
    : > "$WORK/$name.times"
    for _ in $(seq "$RUNS"); do
      if [ -n "$TIME" ]; then
        "$TIME" -f "%e %U %S" -o "$WORK/$name.one" bash -c "$cmd" > /dev/null
        cat "$WORK/$name.one" >> "$WORK/$name.times"
      else
        local s e
        s=$(date +%s.%N); bash -c "$cmd" > /dev/null; e=$(date +%s.%N)
        echo "$(echo "$e - $s" | bc) nan nan" >> "$WORK/$name.times"
      fi
    done
    WALL=$(awk '{print $1}' "$WORK/$name.times" | median)
    CPU=$(awk '{print $2+$3}' "$WORK/$name.times" | median)
  fi
  RSS=nan
  if [ -n "$TIME" ]; then
    "$TIME" -f "%M" -o "$WORK/$name.rss" bash -c "exec $cmd" > /dev/null
    RSS=$(awk '{printf "%.1f", $1/1024}' "$WORK/$name.rss")
  fi
}

echo "== timing ($RUNS runs each after a warm-up; output to /dev/null)"
measure recap "$RECAP_CMD";   R_WALL=$WALL; R_CPU=$CPU; R_RSS=$RSS
measure sqlite3 "$SQLITE_CMD"; S_WALL=$WALL; S_CPU=$CPU; S_RSS=$RSS
measure sqlite3-unordered "$FLOOR_CMD"; F_WALL=$WALL; F_CPU=$CPU; F_RSS=$RSS
RAW_CMD="sqlite3 -csv $DB 'select * from answers'"
measure sqlite3-raw "$RAW_CMD"; W_WALL=$WALL; W_CPU=$CPU; W_RSS=$RSS
JSON_CMD="$RECAP --db $DB export --format json"
FHIR_CMD="$RECAP --db $DB export --format fhir"
measure json "$JSON_CMD"; J_WALL=$WALL; J_CPU=$CPU; J_RSS=$RSS
measure fhir "$FHIR_CMD"; H_WALL=$WALL; H_CPU=$CPU; H_RSS=$RSS
# The import: the JSON export of the file into a new file, each run afresh.
bash -c "$JSON_CMD" > "$WORK/export.json"
{
  echo "rm -f '$WORK/imported.db' '$WORK/imported.db-wal' '$WORK/imported.db-shm'"
  echo "exec '$RECAP' --db '$WORK/imported.db' import '$WORK/export.json'"
} > "$WORK/import.sh"
measure import "bash $WORK/import.sh"; I_WALL=$WALL; I_CPU=$CPU; I_RSS=$RSS

if [ "${CHECK:-0}" = 1 ]; then
  if command -v python3 >/dev/null 2>&1; then
    echo "== comparing the two outputs row by row"
    bash -c "$RECAP_CMD" > "$WORK/recap.csv"
    bash -c "$SQLITE_CMD" > "$WORK/sqlite3.csv"
    python3 - "$WORK/recap.csv" "$WORK/sqlite3.csv" <<'EOF'
import csv, sys, hashlib
def digest(path):
    h, n = hashlib.sha256(), 0
    with open(path, newline='') as f:
        for row in csv.reader(f):
            h.update(repr(row).encode()); n += 1
    return n, h.hexdigest()
a, b = digest(sys.argv[1]), digest(sys.argv[2])
print(f"recap: {a[0]} rows, sqlite3: {b[0]} rows, {'the same rows' if a == b else 'DIFFERENT ROWS'}")
sys.exit(0 if a == b else 1)
EOF
  else
    echo "MISSING TOOL: python3, needed for CHECK=1" >&2
  fi
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }'; }
echo
printf '%-44s %9s %9s %11s\n' "" "wall s" "CPU s" "peak MB"
printf '%-44s %9.2f %9.2f %11s\n' "recap export --format csv" "$R_WALL" "$R_CPU" "$R_RSS"
printf '%-44s %9.2f %9.2f %11s\n' "sqlite3, the same rows as CSV" "$S_WALL" "$S_CPU" "$S_RSS"
printf '%-44s %9.2f %9.2f %11s\n' "sqlite3, the same rows, no ORDER BY (floor)" "$F_WALL" "$F_CPU" "$F_RSS"
echo
echo "ratio recap / sqlite3:            wall $(ratio "$R_WALL" "$S_WALL")   CPU $(ratio "$R_CPU" "$S_CPU")   (target: at most 1.5)"
echo "ratio recap / sqlite3 unordered:  wall $(ratio "$R_WALL" "$F_WALL")   CPU $(ratio "$R_CPU" "$F_CPU")"
echo
printf '%-44s %9s %9s %11s\n' "" "wall s" "CPU s" "peak MB"
printf '%-44s %9.2f %9.2f %11s\n' "sqlite3 -csv 'select * from answers' (raw)" "$W_WALL" "$W_CPU" "$W_RSS"
printf '%-44s %9.2f %9.2f %11s\n' "recap export --format json" "$J_WALL" "$J_CPU" "$J_RSS"
printf '%-44s %9.2f %9.2f %11s\n' "recap export --format fhir" "$H_WALL" "$H_CPU" "$H_RSS"
printf '%-44s %9.2f %9.2f %11s\n' "recap import (the JSON export, new file)" "$I_WALL" "$I_CPU" "$I_RSS"
echo
echo "ratio csv / raw floor:            wall $(ratio "$R_WALL" "$W_WALL")   CPU $(ratio "$R_CPU" "$W_CPU")   (target: at most 1.5)"
echo "ratio fhir / json export:         wall $(ratio "$H_WALL" "$J_WALL")   CPU $(ratio "$H_CPU" "$J_CPU")   (target: at most 2)"
echo "ratio import / json export:       wall $(ratio "$I_WALL" "$J_WALL")   CPU $(ratio "$I_CPU" "$J_CPU")   (target: at most 3; peak memory flat, at most 64 MB)"
