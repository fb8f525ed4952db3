#!/usr/bin/env bash
# Measure the extractor on the licensed dev data in one command.
#
#   scripts/evaluate_devdata.sh [DEVDATA_DIR] [OUT_DIR]
#
# DEVDATA_DIR defaults to ../shared/devdata (relative to the repository), OUT_DIR
# to out/eval. Imports the ACLED, GTD and RAND CSVs as gold JSONL, runs
# `incidentwatch extract` on them and on the two hand-annotated gold files, scores
# each with `incidentwatch evaluate`, and writes per dataset: the table (.txt),
# the JSON scores (.json) and every mismatch (.errors.jsonl).
#
# Environment: LIMIT=N imports only the first N rows of each CSV (quick runs);
# PUBLISHED_FROM_EVENT_DATE=1 sets each imported article's publication date to
# its event date (relative dates then resolve, but the date is handed to the
# extractor: report such numbers separately). Outputs stay out of git (they
# hold dev data).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
devdata="${1:-$repo/../shared/devdata}"
out="${2:-$repo/out/eval}"

if [[ ! -d "$devdata" ]]; then
  echo "error: dev data folder not found: $devdata" >&2
  echo "       pass its path as the first argument (it is ../shared/devdata beside the repo)" >&2
  exit 2
fi
devdata="$(cd "$devdata" && pwd)"

if [[ -x "$repo/.venv/bin/incidentwatch" ]]; then
  iw="$repo/.venv/bin/incidentwatch"
elif command -v incidentwatch >/dev/null; then
  iw="$(command -v incidentwatch)"
else
  echo "error: incidentwatch is not installed (run 'make setup' first)" >&2
  exit 2
fi
if ! "$iw" extract --help >/dev/null 2>&1; then
  echo "error: this build has no 'incidentwatch extract' command yet" >&2
  exit 2
fi

py="$(dirname "$iw")/python"
[[ -x "$py" ]] || py="$(command -v python3)"
mkdir -p "$out/gold" "$out/predicted"
import_args=()
[[ -n "${LIMIT:-}" ]] && import_args+=(--limit "$LIMIT")
[[ "${PUBLISHED_FROM_EVENT_DATE:-0}" == 1 ]] && import_args+=(--published-from-event-date)

declare -A csv=(
  [acled]=acled_middle_east_2022h1_dev.csv
  [gtd]=gtd_non_iraq_dev.csv
  [rand]=rand_iraq_1975_2005_dev.csv
)
names=()
for dataset in acled gtd rand; do
  src="$devdata/${csv[$dataset]}"
  if [[ ! -f "$src" ]]; then
    echo "warning: $src missing; $dataset skipped" >&2
    continue
  fi
  "$iw" import-reference "$dataset" "$src" -o "$out/gold/$dataset.jsonl" \
    "${import_args[@]}" 2>"$out/gold/$dataset.import.log"
  names+=("$dataset")
done
for name in iraq_news_2016_dev gold_seed_examples; do
  if [[ -f "$devdata/$name.jsonl" ]]; then
    cp "$devdata/$name.jsonl" "$out/gold/$name.jsonl"
    names+=("$name")
  else
    echo "warning: $devdata/$name.jsonl missing; skipped" >&2
  fi
done
# Real-news pools coded by this project: the gold (annotations only) is in the
# repository, the text is read from the dev data.
declare -A pool_gold=(
  [news_pool_2016]="$repo/annotations/news_pool_2016/gold.jsonl"
  [arabic_iraq_news_pool]="$repo/annotations/arabic_iraq_news/gold.jsonl"
)
declare -A pool_text=()
pool_names=()
for name in news_pool_2016 arabic_iraq_news_pool; do
  if [[ -f "$devdata/$name.jsonl" && -f "${pool_gold[$name]}" ]]; then
    cp "${pool_gold[$name]}" "$out/gold/$name.jsonl"
    # Extract only the coded articles: evaluate ignores predictions for the others
    # (the Arabic gold codes 161 of the pool's 170).
    pool_text[$name]="$out/gold/$name.articles.jsonl"
    "$py" - "$devdata/$name.jsonl" "${pool_gold[$name]}" "${pool_text[$name]}" <<'PY'
import json, sys
coded = {json.loads(line)["article_id"] for line in open(sys.argv[2], encoding="utf-8")}
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.strip() and json.loads(line)["article_id"] in coded:
            out.write(line)
PY
    names+=("$name")
    pool_names+=("$name")
  else
    echo "warning: $name text or gold missing; skipped" >&2
  fi
done

# The 18 real VOA articles (public domain) ship with the package; their gold was
# coded blind in session 10 (annotations/voa_samples/notes.md). Text from the samples file.
voa_gold="$repo/annotations/voa_samples/gold.jsonl"
voa_text="$repo/src/incidentwatch/data/samples/voa_iraq_syria.jsonl"
if [[ -f "$voa_gold" && -f "$voa_text" ]]; then
  cp "$voa_gold" "$out/gold/voa_samples.jsonl"
  pool_text[voa_samples]="$voa_text"
  names+=(voa_samples)
  pool_names+=(voa_samples)
else
  echo "warning: VOA samples text or gold missing; skipped" >&2
fi

for name in "${names[@]}"; do
  gold="$out/gold/$name.jsonl"
  pred="$out/predicted/$name.jsonl"
  articles="$gold"
  [[ " ${pool_names[*]} " == *" $name "* ]] && articles="${pool_text[$name]}"
  start=$(date +%s.%N)
  "$iw" extract "$articles" -o "$pred" --no-progress 2>"$out/predicted/$name.extract.log"
  secs=$("$py" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
  chars=$("$py" -c "import json, sys; print(sum(len(json.loads(l).get('text', '')) for l in open(sys.argv[1], encoding='utf-8') if l.strip()))" "$articles")
  "$iw" evaluate "$gold" "$pred" --errors "$out/$name.errors.jsonl" >"$out/$name.txt"
  "$iw" evaluate "$gold" "$pred" --json >"$out/$name.json"
  echo
  cat "$out/$name.txt"
  echo "(extract took ${secs}s, $chars chars, $("$py" -c "import sys; print(int(float(sys.argv[1]) / max(float(sys.argv[2]), 0.1)))" "$chars" "$secs") chars/s incl. model load; $(tail -n 1 "$out/predicted/$name.extract.log"))"
done

echo
echo "summary (detection of incidents)"
printf '%-22s %6s %6s %8s %9s %7s %6s\n' dataset gold pred matched precision recall F1
for name in "${names[@]}"; do
  "$py" - "$out/$name.json" "$name" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["detection"]
f = lambda v: "-" if v is None else f"{v:.3f}"
print(f"{sys.argv[2]:<22} {d['gold']:6d} {d['predicted']:6d} {d['matched']:8d} "
      f"{f(d['precision']):>9} {f(d['recall']):>7} {f(d['f1']):>6}")
PY
done
# Real-report merging: ingest the real articles in publication order and score
# same-incident pairs across outlets against the coded clusters.
merge_args=()
if [[ -f "$devdata/iraq_news_2016_dev.jsonl" ]]; then
  merge_args+=("$devdata/iraq_news_2016_dev.jsonl" --gold "$devdata/iraq_news_2016_dev.jsonl"
    --clusters "$repo/annotations/iraq_news_2016/clusters.json")
fi
if [[ " ${pool_names[*]} " == *" news_pool_2016 "* && -f "$repo/annotations/news_pool_2016/clusters.json" ]]; then
  merge_args+=("$devdata/news_pool_2016.jsonl" --gold "${pool_gold[news_pool_2016]}"
    --clusters "$repo/annotations/news_pool_2016/clusters.json")
fi
if [[ ${#merge_args[@]} -gt 0 ]]; then
  echo
  "$iw" evaluate-merge "${merge_args[@]}" --details "$out/merge_real.details.jsonl" \
    --json-file "$out/merge_real.json" 2>"$out/merge_real.log" | tee "$out/merge_real.txt"
fi
# Arabic-Arabic real-report merging, scored on its own (issue 16).
if [[ " ${pool_names[*]} " == *" arabic_iraq_news_pool "* && -f "$repo/annotations/arabic_iraq_news/clusters.json" ]]; then
  echo
  echo "Arabic real-report merging"
  "$iw" evaluate-merge "${pool_text[arabic_iraq_news_pool]}" --gold "${pool_gold[arabic_iraq_news_pool]}" \
    --clusters "$repo/annotations/arabic_iraq_news/clusters.json" \
    --details "$out/merge_arabic.details.jsonl" --json-file "$out/merge_arabic.json" \
    2>"$out/merge_arabic.log" | tee "$out/merge_arabic.txt"
fi

# Same-incident pairs among the VOA articles, scored on their own (few pairs: a check
# that the one told twice merges and the look-alikes do not).
if [[ " ${pool_names[*]} " == *" voa_samples "* && -f "$repo/annotations/voa_samples/clusters.json" ]]; then
  echo
  echo "VOA real-report merging"
  "$iw" evaluate-merge "$voa_text" --gold "$voa_gold" \
    --clusters "$repo/annotations/voa_samples/clusters.json" \
    --details "$out/merge_voa.details.jsonl" --json-file "$out/merge_voa.json" \
    2>"$out/merge_voa.log" | tee "$out/merge_voa.txt"
fi

echo
echo "tables, JSON and mismatches in $out"
