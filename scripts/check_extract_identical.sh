#!/usr/bin/env bash
# Check that a change to the extractor leaves its output byte-identical.
#
#   scripts/check_extract_identical.sh --baseline DIR [DEVDATA_DIR]
#   scripts/check_extract_identical.sh --compare  DIR [DEVDATA_DIR]
#
# Runs `incidentwatch -vv extract` on every dev set (ACLED, RAND and GTD through
# `import-reference`, the Iraq news and seed JSONL, the news pool, the Arabic
# news pool and the loose
# articles/*.txt) and records per set the sha256 of the output JSONL and the
# sorted debug reason lines. --baseline writes them to DIR (keep DIR outside git:
# it holds dev data); --compare runs again into DIR/compare and diffs, exiting 1
# on any difference. LIMIT=N imports only the first N rows of each CSV (quick
# iterations; compare against a baseline made with the same LIMIT).
#
# The logger name is normalised to "extract" for the extractor's own modules, so
# moving a rule to another module does not count as a change; the message does.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-}"
dir="${2:-}"
devdata="${3:-$repo/../shared/devdata}"
if [[ "$mode" != --baseline && "$mode" != --compare ]] || [[ -z "$dir" ]]; then
  echo "usage: $0 --baseline DIR | --compare DIR [DEVDATA_DIR]" >&2
  exit 2
fi
if [[ ! -d "$devdata" ]]; then
  echo "error: dev data folder not found: $devdata" >&2
  exit 2
fi
devdata="$(cd "$devdata" && pwd)"
venv="${VENV:-$repo/.venv}"
[[ -x "$venv/bin/python" ]] || venv=/work/main/.venv
export PYTHONPATH="$repo/src${PYTHONPATH:+:$PYTHONPATH}"
iw=("$venv/bin/python" -m incidentwatch)

if [[ "$mode" == --baseline ]]; then out="$dir"; else out="$dir/compare"; fi
mkdir -p "$out/in" "$out/out"
limit_args=()
[[ -n "${LIMIT:-}" ]] && limit_args+=(--limit "$LIMIT")

declare -A csv=(
  [acled]=acled_middle_east_2022h1_dev.csv
  [gtd]=gtd_non_iraq_dev.csv
  [rand]=rand_iraq_1975_2005_dev.csv
)
sets=()
for name in acled gtd rand; do
  [[ -f "$devdata/${csv[$name]}" ]] || { echo "warning: ${csv[$name]} missing" >&2; continue; }
  "${iw[@]}" import-reference "$name" "$devdata/${csv[$name]}" -o "$out/in/$name.jsonl" \
    "${limit_args[@]}" 2>/dev/null
  sets+=("$name")
done
for name in iraq_news_2016_dev gold_seed_examples news_pool_2016 arabic_iraq_news_pool; do
  [[ -f "$devdata/$name.jsonl" ]] || { echo "warning: $name.jsonl missing" >&2; continue; }
  cp "$devdata/$name.jsonl" "$out/in/$name.jsonl"
  sets+=("$name")
done
for f in "$devdata"/articles/*.txt; do
  [[ -f "$f" ]] || continue
  name="article_$(basename "$f" .txt)"
  cp "$f" "$out/in/$name.txt"
  sets+=("$name")
done

: >"$out/SUMS"
for name in "${sets[@]}"; do
  src="$out/in/$name.jsonl"
  [[ -f "$src" ]] || src="$out/in/$name.txt"
  start=$(date +%s)
  "${iw[@]}" -vv extract "$src" -o "$out/out/$name.jsonl" --no-progress 2>"$out/out/$name.log.raw"
  # Debug lines only, logger name of the extractor's modules normalised, sorted.
  grep -E '^DEBUG ' "$out/out/$name.log.raw" \
    | sed -E 's/^DEBUG incidentwatch\.extract(\.[A-Za-z0-9_.]+)?: /DEBUG extract: /' \
    | LC_ALL=C sort >"$out/out/$name.reasons"
  echo "$name $(sha256sum <"$out/out/$name.jsonl" | cut -d' ' -f1) reasons=$(sha256sum <"$out/out/$name.reasons" | cut -c1-16) ($(( $(date +%s) - start ))s; $(tail -n 1 "$out/out/$name.log.raw"))" \
    | tee -a "$out/SUMS"
done

if [[ "$mode" == --baseline ]]; then
  echo "baseline written to $out"
  exit 0
fi
status=0
for name in "${sets[@]}"; do
  if ! cmp -s "$dir/out/$name.jsonl" "$out/out/$name.jsonl"; then
    echo "DIFF output $name"; status=1
  fi
  if ! cmp -s "$dir/out/$name.reasons" "$out/out/$name.reasons"; then
    echo "DIFF reasons $name:"; diff "$dir/out/$name.reasons" "$out/out/$name.reasons" | head -20
    status=1
  fi
done
if [[ $status == 0 ]]; then
  echo "IDENTICAL: ${#sets[@]} sets (${sets[*]}): output JSONL and sorted -vv reason lines"
else
  echo "DIFFERENT (see above)"
fi
exit $status
