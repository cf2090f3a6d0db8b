#!/usr/bin/env bash
# Benchmarks of the console's heavy paths, each reported as a ratio to a ceiling measured in the
# same run (these machines are noisy; absolute times mean little):
#   1. lead grid page fetch on 1M leads in PostgreSQL vs the same SQL through pgbench
#   2. CSV import of 20k and 100k leads: rows/s vs PostgreSQL COPY, and the peak live heap
#   3. ./mvnw spring-boot:run on a built project until the login page answers
#   4. the outbox: dispatcher -> Jakarta Mail -> smtp-sink vs smtp-source; claim rate vs pgbench
#   5. scoped reputation recording in Redis vs redis-benchmark -P 16 running the same EVALSHA
#   6. webhooks: signed event batches over HTTP (each sent 3 times) vs pgbench INSERT ... ON CONFLICT DO NOTHING
#   7. tick: the sequencer tick, 100k due among 1M and 200k enrollments, vs the same INSERT ... SELECT in psql
#   8. recontact: the re-contact worker, 100k eligible among 1M enrollments, vs the same UPDATE in psql
#   9. ratelimit: the Lua rate limiter vs Bucket4j on Lettuce, the same acquisitions on the same Redis
#  10. imap: one IMAP poll of an inbox of 10,000 with 10 new mails vs one of an inbox of 100 with 10 new
# Needs PostgreSQL on 127.0.0.1:5432 (database `test`, trust auth), Redis on 127.0.0.1:6379,
# pgbench, and postfix's smtp-sink/smtp-source (installed with apt when missing).
# Usage: bench/run.sh [grid|import|startup|outbox|reputation|webhooks|tick|recontact|ratelimit|imap]...   (default: all). Results in bench/results/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/jdk.sh
results=bench/results
mkdir -p "$results"
benchmarks=("$@")
[[ ${#benchmarks[@]} -gt 0 ]] || benchmarks=(grid import startup outbox reputation webhooks tick recontact ratelimit imap)
if [[ " ${benchmarks[*]} " == *" outbox "* ]] && ! command -v smtp-sink > /dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y postfix
fi

./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

run_java() {
    "$JAVA_HOME/bin/java" "$@"
}

for benchmark in "${benchmarks[@]}"; do
    case "$benchmark" in
        grid)
            echo "== Lead grid page fetch, 1M leads (app through LeadService vs pgbench, median / average ms)"
            run_java -Xmx1g -cp "$classpath" dev.outreach.lead.LeadGridBenchmark "$results"
            ;;
        import)
            echo "== CSV import (app vs COPY; heap capped at 384 MB to show it stays flat)"
            run_java -Xmx384m -cp "$classpath" dev.outreach.demo.LeadImportBenchmark "$results"
            ;;
        startup)
            echo "== ./mvnw spring-boot:run to the login page (fresh embedded database, then a restart)"
            port=18080
            data=$(mktemp -d)
            : > "$results/startup.txt"
            for start in first restart; do
                began=$(date +%s.%N)
                PORT=$port OUTREACH_DB_URL="jdbc:h2:file:$data/outreach;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
                    setsid ./mvnw -B -q spring-boot:run > "$results/startup-$start.log" 2>&1 &
                run_pid=$!
                until curl -sf -o /dev/null "http://127.0.0.1:$port/login"; do sleep 0.2; done
                ended=$(date +%s.%N)
                printf '%-8s start: %.1f s to the login page\n' "$start" "$(echo "$ended - $began" | bc)" | tee -a "$results/startup.txt"
                kill -- -"$run_pid" 2>/dev/null || true  # Maven and the app it forked: this run's process group only
                while curl -sf -o /dev/null "http://127.0.0.1:$port/login"; do sleep 0.2; done
            done
            rm -rf "$data"
            ;;
        outbox)
            echo "== Outbox: SMTP send path vs smtp-source, claim rate vs pgbench"
            PATH="$PATH:/usr/sbin" run_java -Xmx1g -cp "$classpath" dev.outreach.outreach.OutboxBenchmark "$results"
            ;;
        reputation)
            echo "== Scoped reputation recording (app, 50 threads on one Lettuce connection) vs redis-benchmark -P 16"
            run_java -Xmx512m -cp "$classpath" dev.outreach.deliverability.ReputationBenchmark "$results"
            ;;
        webhooks)
            echo "== Webhook ingest: signed batches of 1,000 events, each sent 3 times, vs pgbench; effects exactly once"
            run_java -Xmx1g -cp "$classpath" dev.outreach.events.WebhookIngestBenchmark "$results"
            ;;
        tick)
            echo "== Sequencer tick: 100k due among 1M and 200k enrollments vs the same INSERT ... SELECT in psql"
            run_java -Xmx1g -cp "$classpath" dev.outreach.cadence.TickBenchmark "$results"
            ;;
        recontact)
            echo "== Re-contact worker: 100k eligible among 1M enrollments vs the same UPDATE in psql"
            run_java -Xmx1g -cp "$classpath" dev.outreach.cadence.RecontactBenchmark "$results"
            ;;
        ratelimit)
            echo "== Rate limiter: one Lua script vs Bucket4j on Lettuce, 4 limits per acquisition, 16 threads"
            run_java -Xmx512m -cp "$classpath" dev.outreach.channel.ratelimit.RateLimitBenchmark "$results"
            ;;
        imap)
            echo "== IMAP poll: 10 new mails in an inbox of 10,000 vs in an inbox of 100 (ratio of medians)"
            run_java -Xmx1g -cp "$classpath" dev.outreach.events.ImapPollBenchmark "$results"
            ;;
        *)
            echo "unknown benchmark: $benchmark (grid, import, startup, outbox, reputation, webhooks, tick, recontact, ratelimit or imap)" >&2
            exit 2
            ;;
    esac
done
