#!/usr/bin/env bash
# Measures what the code in this worktree does with each escape attempt in this folder.
#
#   src/test/resources/escapes/measure.sh [--service] [--manifest] [FILE.drl ...]
#
# For every attempt (default: every *.drl here) it installs the file alone as rules/escapes/<file>
# in a scratch copy of rules/ (with escapes.scenarios.yaml, one valid request that reaches it) and runs
#
#   bin/lexgate --rules SCRATCH --policies policies test SCRATCH/escapes
#   bin/lexgate --rules SCRATCH --policies policies check
#
# each under `timeout`, then looks for the evidence the file's header announces:
#   marker PATH  the file exists after the run (markers are deleted before every run)
#   secret       the value of LEXGATE_ESCAPE_SECRET / -Dlexgate.escape.secret appears in the output
#   hang         the run was stopped by the timeout
#   alloc        an OutOfMemoryError was thrown (-Xmx1g; -XX:OnOutOfMemoryError leaves a flag even
#                when the error is caught) or printed
#   exit         the process exited with 77 or 78, or died of the attempt's Error ("escape-exit:")
#   internal     the output holds "escape-internal:<file-stem>" (what the attempt reached, printed
#                through a finding); "reached" when the attempt called into CDI, Arc or Panache and
#                failed only because the CLI has no container (see --service)
# and classifies the file:
#   ran               the evidence appeared (in either run)
#   reached           internal attempts only: ran, but the CLI has no CDI container to answer
#   lint-refused      RuleFileLint (or the compiler's post-compile declaration check) refused it
#   drools-error      Drools could not compile it, or compiling it crashed
#   compiled-not-run  it compiled (and the scenario ran) but no evidence appeared
#
# --service   also starts the service once (scratch H2 database, admin key from
#             LEXGATE_BOOTSTRAP_ADMIN_KEY, a second "victim" client that makes one decision) and sends
#             every attempt whose evidence is "internal" to POST /v1/rulesets/validate, where CDI, Arc
#             and Panache are live; results in service.tsv.
# --manifest  rewrites the measured part of MANIFEST.md (between the "measured" markers) from the
#             results (results.tsv, service.tsv) without running anything.
#
# Everything the attempts do is harmless by construction: markers under /tmp/lexgate-escape/,
# commands are `id` into a marker, no network, nothing deleted, allocations bounded by -Xmx1g, hangs
# bounded by the timeout (default 60 s, raised to 3x a control run when the machine is slow).
# Environment: TIMEOUT (seconds), LEXGATE_ESCAPE_WORK (scratch folder, default /tmp/lexgate-escape-measure),
# PORT (service port, default 18765). Build first if needed: ./mvnw -B -q -o package -DskipTests
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../../.." && pwd)
work=${LEXGATE_ESCAPE_WORK:-/tmp/lexgate-escape-measure}
secret=s3cr3t-escape
markers=/tmp/lexgate-escape
app=$root/target/quarkus-app

service=false
manifest_only=false
files=()
for a in "$@"; do
  case "$a" in
    --service) service=true ;;
    --manifest) manifest_only=true ;;
    *) files+=("$a") ;;
  esac
done

write_manifest() {
  python3 - "$here/MANIFEST.md" "$work/results.tsv" "$work/service.tsv" <<'PY'
import csv, os, re, sys
from collections import OrderedDict
manifest, results, service = sys.argv[1:4]
rows = sorted(csv.DictReader(open(results), delimiter='\t'), key=lambda r: r['stem'])
svc = {r['stem']: r for r in csv.DictReader(open(service), delimiter='\t')} if os.path.exists(service) else {}
def cell(s):
    return s.replace('|', '\\|').replace('\n', ' ')
counts = OrderedDict((k, 0) for k in ['ran', 'reached', 'compiled-not-run', 'lint-refused', 'drools-error'])
per_class = OrderedDict()
for r in rows:
    counts[r['status']] = counts.get(r['status'], 0) + 1
    c = per_class.setdefault(r['class'], {'files': 0, 'ran': 0, 'reached': 0})
    c['files'] += 1
    if r['status'] in ('ran', 'reached'):
        c[r['status']] += 1
summary = []
summary.append('Measured with `measure.sh` against this worktree\'s code (the old line-by-line lint, CLI `test` and `check`): '
               f"{len(rows)} attempts; " + ', '.join(f'**{v} {k}**' for k, v in counts.items()) + '.')
if svc:
    ran = sum(1 for s in svc.values() if s['status'] == 'ran')
    summary.append(f'The {len(svc)} attempts with internal evidence were also sent to a running service '
                   f'(`measure.sh --service`, POST /v1/rulesets/validate): **{ran} ran there**.')
summary.append('')
summary.append('| Class | Files | Ran | Reached (CLI has no CDI) | Ran in the service |')
summary.append('|---|---:|---:|---:|---:|')
for k, c in per_class.items():
    sv = sum(1 for r in rows if r['class'] == k and svc.get(r['stem'], {}).get('status') == 'ran')
    summary.append(f"| {k} | {c['files']} | {c['ran']} | {c['reached']} | {sv or ''} |")
out = []
out.append('| File | Class | Attempt | Evidence | Old lint (CLI) | What happened | Service |')
out.append('|---|---|---|---|---|---|---|')
for r in rows:
    s = svc.get(r['stem'])
    st = f"{s['status']}: {cell(s['detail'])[:160]}" if s else ''
    out.append(f"| `{r['stem']}.drl` | {r['class']} | {cell(r['attempt'])} | {cell(r['evidence'])} | **{r['status']}** | {cell(r['detail'])[:240]} | {st} |")
text = open(manifest).read() if os.path.exists(manifest) else ''
for name, body in (('summary', summary), ('measured', out)):
    if f'<!-- {name}:begin -->' not in text:
        text += f'\n<!-- {name}:begin -->\n<!-- {name}:end -->\n'
    text = re.sub(f'<!-- {name}:begin -->.*<!-- {name}:end -->',
                  lambda m: f'<!-- {name}:begin -->\n' + '\n'.join(body) + f'\n<!-- {name}:end -->', text, flags=re.S)
open(manifest, 'w').write(text)
print('\n'.join(summary))
PY
}

if $manifest_only; then
  write_manifest
  exit 0
fi

# Build once, offline, when there is no build or the sources are newer than it (as bin/lexgate would).
if [ ! -f "$app/quarkus-run.jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$app/quarkus-run.jar" -print -quit)" ]; then
  (cd "$root" && ./mvnw -B -q -o package -DskipTests) || { echo "build failed" >&2; exit 2; }
fi

all=false
if [ ${#files[@]} -eq 0 ]; then
  all=true
  for f in "$here"/*.drl; do files+=("$f"); done
fi

mkdir -p "$work"
printf '#!/bin/sh\ntouch %s/oom-flag\n' "$work" > "$work/oom.sh"
chmod +x "$work/oom.sh"
java_opts="-Xmx1g -Dlexgate.escape.secret=$secret -XX:OnOutOfMemoryError=$work/oom.sh -Djava.util.logging.manager=java.util.logging.LogManager -Dorg.jboss.logging.provider=jdk"

header() { sed -n "s#^// $2: ##p" "$1" | head -1; }

scratch=$work/rules
rm -rf "$scratch"
cp -r "$root/rules" "$scratch"
mkdir -p "$scratch/escapes"
cp "$here/escapes.scenarios.yaml" "$scratch/escapes/"

run() { # run VERB OUTFILE -> sets rc, secs
  local verb=$1 out=$2 t0=$SECONDS
  local args=(test "$scratch/escapes")
  [ "$verb" = check ] && args=(check)
  (cd "$root" && LEXGATE_ESCAPE_SECRET=$secret JAVA_OPTS="$java_opts" \
     timeout --kill-after=10 "$timeout" bin/lexgate --rules "$scratch" --policies "$root/policies" "${args[@]}") > "$out" 2>&1
  rc=$?
  secs=$((SECONDS - t0))
}

evidence_seen() { # evidence_seen EVIDENCE STEM OUTFILE RC -> echoes ran|reached|""
  local ev=$1 stem=$2 out=$3 rc=$4
  case "$ev" in
    marker*) [ -e "${ev#marker }" ] && echo ran ;;
    secret) grep -q "$secret" "$out" && echo ran ;;
    hang) [ "$rc" = 124 ] || [ "$rc" = 137 ] && echo ran ;;
    alloc) { [ -e "$work/oom-flag" ] || grep -q OutOfMemoryError "$out"; } && echo ran ;;
    exit) { [ "$rc" = 77 ] || [ "$rc" = 78 ] || grep -q "Exception in thread \"main\" .*escape-exit:$stem" "$out"; } && echo ran ;;
    internal) # only as a value the rules produced (a missing field), never as source quoted in an error
      if grep -q "got \[.*escape-internal:$stem" "$out" && ! grep -q "got \[.*escape-internal:$stem reached" "$out"; then echo ran
      elif grep -q "got \[.*escape-internal:$stem reached" "$out" \
           || { grep -q "ERROR: rule evaluation failed" "$out" \
                && grep -qE "Unable to locate CDIProvider|normally automatically overridden in subclasses|io\.quarkus\.arc\.ArcContainer" "$out"; }; then echo reached
      fi ;;
  esac
}

lint_re='reaches outside the vocabulary|is a loop; rule files may not loop|is not allowed: rule files may import only|declaration was not recognised by the linter|: rule "[^"]*" has no @|which policies/citations.yaml does not know|must sit in a folder ending in'

# A control run (the scenario alone) tells how slow the machine is now.
timeout=${TIMEOUT:-60}
t0=$SECONDS
(cd "$root" && LEXGATE_ESCAPE_SECRET=$secret JAVA_OPTS="$java_opts" bin/lexgate --rules "$scratch" --policies "$root/policies" test "$scratch/escapes") > "$work/control.out" 2>&1
control=$((SECONDS - t0))
if [ -z "${TIMEOUT:-}" ] && [ $((control * 3)) -gt "$timeout" ]; then timeout=$((control * 3)); fi
echo "control run: ${control}s; timeout per run: ${timeout}s" >&2

# One row per attempt: a full run starts afresh, a run on named files replaces their rows.
fresh() { # fresh FILE HEADER
  if $all || [ ! -f "$1" ]; then printf '%s\n' "$2" > "$1"; return; fi
  for f in "${files[@]}"; do
    grep -v "^$(basename "$f" .drl)	" "$1" > "$1.tmp"; mv "$1.tmp" "$1"
  done
}
results=$work/results.tsv
fresh "$results" "$(printf 'stem\tclass\tattempt\tevidence\tstatus\tdetail\ttest_rc\tcheck_rc\ttest_s\tcheck_s')"

for f in "${files[@]}"; do
  f=$(cd "$(dirname "$f")" && pwd)/$(basename "$f")
  stem=$(basename "$f" .drl)
  cls=$(header "$f" class); attempt=$(header "$f" attempt); ev=$(header "$f" evidence)
  cp "$f" "$scratch/escapes/"
  status=""; where=""
  rm -rf "$markers" "$work/oom-flag"
  run test "$work/$stem.test.out"; test_rc=$rc; test_s=$secs
  s=$(evidence_seen "$ev" "$stem" "$work/$stem.test.out" "$test_rc"); [ -n "$s" ] && { status=$s; where="test"; }
  rm -rf "$markers" "$work/oom-flag"
  run check "$work/$stem.check.out"; check_rc=$rc; check_s=$secs
  s=$(evidence_seen "$ev" "$stem" "$work/$stem.check.out" "$check_rc")
  if [ -n "$s" ]; then
    [ "$status" != ran ] && status=$s
    where="${where:+$where and }check"
  fi
  rm -rf "$markers" "$work/oom-flag"
  rm -f "$scratch/escapes/$stem.drl"
  both="$work/$stem.test.out $work/$stem.check.out"
  if [ -n "$status" ]; then
    case "$ev" in
      secret) detail="secret in the output ($where): $(grep -ho "[^ ]\{0,40\}$secret" $both | head -1)" ;;
      internal) detail="$(grep -ho "escape-internal:$stem[^]]*" $both | head -1 | cut -c1-200)"
                [ -z "$detail" ] && detail="$(grep -hoE 'Unable to locate CDIProvider|normally automatically overridden in subclasses|io\.quarkus\.arc\.ArcContainer[^]]*' $both | head -1)"
                detail="$detail ($where)" ;;
      hang) detail="stopped by the ${timeout}s timeout ($where)" ;;
      exit) detail="exit status test=$test_rc check=$check_rc ($where)" ;;
      alloc) detail="OutOfMemoryError under -Xmx1g ($where)" ;;
      *) detail="$ev created ($where)" ;;
    esac
  elif grep -qE "$lint_re" $both; then
    status=lint-refused; detail=$(grep -hE "$lint_re" $both | head -1)
  elif grep -qE 'problem\(s\); the rules cannot be loaded|problem; fix the file|Exception in thread "main"' $both; then
    status=drools-error
    detail=$(grep -hE '^rules/|Exception in thread "main"|For input string' $both | grep -v 'problem(s)' | head -1)
  else
    status=compiled-not-run; detail="compiled; test exit $test_rc, check exit $check_rc; no evidence"
  fi
  detail=$(printf '%s' "$detail" | tr '\t\n' '  ' | cut -c1-300)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$stem" "$cls" "$attempt" "$ev" "$status" "$detail" \
    "$test_rc" "$check_rc" "$test_s" "$check_s" >> "$results"
  echo "$status  $stem  ($detail)" >&2
done

if $service; then
  port=${PORT:-18765}
  svc=$work/svc
  rm -rf "$svc"; mkdir -p "$svc"
  cp -r "$root/rules" "$svc/rules"
  admin=escape-measure-admin-key-0123456789
  if curl -s -o /dev/null "localhost:$port/"; then echo "port $port is in use; set PORT" >&2; exit 2; fi
  # exec: $! is the JVM itself, so that it can be stopped by its pid
  (cd "$svc" && exec env LEXGATE_RULES_DIR="$svc/rules" LEXGATE_POLICIES_DIR="$root/policies" \
     LEXGATE_BOOTSTRAP_ADMIN_KEY=$admin LEXGATE_ESCAPE_SECRET=$secret QUARKUS_HTTP_PORT=$port \
     java -Xmx1g -Dlexgate.escape.secret=$secret -jar "$app/quarkus-run.jar") > "$svc/server.log" 2>&1 &
  pid=$!
  stop_service() {
    kill "$pid" 2> /dev/null
    for _ in $(seq 1 30); do kill -0 "$pid" 2> /dev/null || break; sleep 1; done
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
  }
  trap stop_service EXIT
  for _ in $(seq 1 240); do
    curl -sf "localhost:$port/q/health/ready" > /dev/null && break
    kill -0 "$pid" 2> /dev/null || { echo "the service did not start; see $svc/server.log" >&2; exit 2; }
    sleep 1
  done
  auth="Authorization: Bearer $admin"
  victim=$(curl -s -H "$auth" -H 'Content-Type: application/json' -X POST "localhost:$port/v1/keys" \
             -d '{"name":"victim client","roles":["decide"]}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["key"])')
  curl -s -o /dev/null -H "Authorization: Bearer $victim" -H 'Content-Type: application/json' -X POST \
       "localhost:$port/v1/decisions" -d @"$root/examples/ai-training-with-safeguards.json"
  stable=$work/service.tsv
  fresh "$stable" "$(printf 'stem\tstatus\tdetail')"
  for f in "${files[@]}"; do
    f=$(cd "$(dirname "$f")" && pwd)/$(basename "$f")
    stem=$(basename "$f" .drl)
    [ "$(header "$f" evidence)" = internal ] || continue
    python3 - "$f" "$here/escapes.scenarios.yaml" > "$svc/$stem.body.json" <<'PY'
import json, os, sys
drl, scen = sys.argv[1:3]
print(json.dumps({"files": {"rules/escapes/" + os.path.basename(drl): open(drl).read(),
                            "rules/escapes/escapes.scenarios.yaml": open(scen).read()}}))
PY
    curl -s --max-time "$timeout" -H "$auth" -H 'Content-Type: application/json' -X POST \
         "localhost:$port/v1/rulesets/validate" -d @"$svc/$stem.body.json" > "$svc/$stem.json"
    out=$svc/$stem.json
    if grep -q "got \[[^]]*escape-internal:$stem" "$out" && ! grep -q "got \[[^]]*escape-internal:$stem reached" "$out"; then
      status=ran; detail=$(grep -o "escape-internal:$stem[^\"]*" "$out" | head -1 | cut -c1-200)
    elif grep -qE "$lint_re" "$out"; then
      status=lint-refused; detail=$(grep -oE "[^\"]*($lint_re)[^\"]*" "$out" | head -1)
    elif python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d.get("digest") is None else 1)' "$out" 2>/dev/null; then
      # no digest: the candidate did not compile, or validate itself failed (an error body, or nothing)
      status=drools-error
      detail=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print((d.get("problems") or ["HTTP %s: %s" % (d.get("status"), d.get("detail"))])[0])' "$out" 2>/dev/null)
    elif [ ! -s "$out" ]; then
      status=compiled-not-run; detail="no response within ${timeout}s"
    else
      status=compiled-not-run; detail="compiled; no escape-internal finding in the response"
    fi
    detail=$(printf '%s' "$detail" | tr '\t\n' '  ' | cut -c1-300)
    printf '%s\t%s\t%s\n' "$stem" "$status" "$detail" >> "$stable"
    echo "service: $status  $stem  ($detail)" >&2
  done
  stop_service
  trap - EXIT
fi

write_manifest
