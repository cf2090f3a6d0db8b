#!/usr/bin/env bash
# Benchmarks of the console's heavy paths, each reported as a ratio to a ceiling measured in the
# same run (these machines are noisy; absolute times mean little):
#   1. lead grid page fetch on 1M leads in PostgreSQL vs the same SQL through pgbench
#   2. CSV import of 20k and 100k leads: rows/s vs PostgreSQL COPY, and the peak live heap
#   3. ./mvnw spring-boot:run on a built project until the login page answers
#   4. the outbox: dispatcher -> Jakarta Mail -> smtp-sink vs smtp-source; claim rate vs pgbench
#   4b. outbox-webhooks: the same send path with 3 webhook endpoints on loopback subscribed to the send path's
#      events vs without, alternating rounds in one run (target >= 0.9x)
#   5. scoped reputation recording in Redis vs redis-benchmark -P 16 running the same EVALSHA
#   6. webhooks: signed event batches over HTTP (each sent 3 times) vs pgbench INSERT ... ON CONFLICT DO NOTHING
#   6b. webhooks-out: 10k message.sent events to 3 endpoints on loopback (no loss, throughput, p99) vs a bare
#      HttpClient; the send transaction's throughput with and without endpoints registered
#   7. tick: the sequencer tick, 100k due among 1M and 200k enrollments, vs the same INSERT ... SELECT in psql
#   8. recontact: the re-contact worker, 100k eligible among 1M enrollments, vs the same UPDATE in psql
#   9. ratelimit: the Lua rate limiter vs Bucket4j on Lettuce, the same acquisitions on the same Redis
#  10. imap: one IMAP poll of an inbox of 10,000 with 10 new mails vs one of an inbox of 100 with 10 new,
#      against a private Dovecot started for the run, then against GreenMail
#  11. chaos: 2,000 sends by 2 packaged instances on one PostgreSQL and Redis into a recording SMTP server
#      (GreenMail, filing each accepted message in the sender's sent folder) while instances are killed with
#      SIGKILL 24 times and restarted: duplicates, lost, in doubt before and after reconciliation. Settings
#      through CHAOS_OPTS, e.g. CHAOS_OPTS="-Dchaos.kills=30 -Dchaos.seed=7" (see ChaosSettings)
#  12. enroll: adding the 100k leads of a grid filter (among 300k) to a campaign with the background job vs
#      the bare INSERT ... SELECT in psql on the same data
#  13. campaign-overview: a campaign's overview (funnel, per touch and channel, waiting reasons) with 200k
#      enrollments and 1M messages vs psql running the same SQL
#  14. campaign-list: the Campaigns list's first page of 50 of 500 campaigns (the large one on it) vs its SQL in psql
#  15. inbox: the inbox's first page of 50 among 100k replies (and with each filter) vs the same SQL in psql
# Needs PostgreSQL on 127.0.0.1:5432 (database `test`, trust auth), Redis on 127.0.0.1:6379,
# pgbench, postfix's smtp-sink/smtp-source and Dovecot's IMAP server (installed with apt when missing).
# Usage: bench/run.sh [grid|import|startup|outbox|outbox-webhooks|reputation|webhooks|webhooks-out|tick|recontact|ratelimit|imap|chaos|enroll|campaign-overview|campaign-list|inbox]...   (default: all). Results in bench/results/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/jdk.sh
results=bench/results
mkdir -p "$results"
benchmarks=("$@")
[[ ${#benchmarks[@]} -gt 0 ]] || benchmarks=(grid import startup outbox outbox-webhooks reputation webhooks webhooks-out tick recontact ratelimit imap chaos enroll campaign-overview campaign-list inbox)
if [[ " ${benchmarks[*]} " == *" outbox"* ]] && ! command -v smtp-sink > /dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y postfix
fi
if [[ " ${benchmarks[*]} " == *" imap "* ]] && ! PATH="$PATH:/usr/sbin" command -v dovecot > /dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd
fi

./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

run_java() {
    "$JAVA_HOME/bin/java" "$@"
}

# A Dovecot of this run's own: config, sockets, state, log and maildirs in a temp dir, plaintext
# logins on a free loopback port, users `small` and `large` (password bench-imap) in a passwd-file.
# It reads no system-wide Dovecot configuration and leaves any system Dovecot alone.
# Sets dovecot_port; stop_dovecot (also the EXIT trap) ends it.
dovecot_pid="" dovecot_dir=""
start_dovecot() {
    dovecot_dir=$(mktemp -d)
    trap stop_dovecot EXIT
    chmod 755 "$dovecot_dir"
    mkdir "$dovecot_dir/run" "$dovecot_dir/state" "$dovecot_dir/mail"
    local internal_user=dovecot login_user=dovenull mail_uid mail_gid user port
    if [[ $(id -u) -eq 0 ]]; then
        mail_uid=$(id -u nobody) mail_gid=$(id -g nobody)  # Dovecot refuses to access mail as root
        chown "$mail_uid:$mail_gid" "$dovecot_dir/mail"
    else
        internal_user=$(id -un) login_user=$(id -un) mail_uid=$(id -u) mail_gid=$(id -g)
    fi
    for user in small large; do
        echo "$user:{PLAIN}bench-imap:$mail_uid:$mail_gid::$dovecot_dir/mail/$user::" >> "$dovecot_dir/passwd"
    done
    dovecot_port=""
    for _ in {1..50}; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then dovecot_port=$port; break; fi
    done
    [[ -n "$dovecot_port" ]] || { echo "no free port for Dovecot" >&2; return 1; }
    cat > "$dovecot_dir/dovecot.conf" <<END_OF_CONFIG
base_dir = $dovecot_dir/run
state_dir = $dovecot_dir/state
log_path = $dovecot_dir/dovecot.log
instance_name = outreach-bench-$$
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_internal_user = $internal_user
default_login_user = $login_user
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN $dovecot_dir/passwd
}
userdb {
  driver = passwd-file
  args = $dovecot_dir/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $dovecot_port
  }
  inet_listener imaps {
    port = 0
  }
}
END_OF_CONFIG
    PATH="$PATH:/usr/sbin" dovecot -F -c "$dovecot_dir/dovecot.conf" &
    dovecot_pid=$!
    for _ in {1..100}; do
        if (exec 3<> "/dev/tcp/127.0.0.1/$dovecot_port") 2> /dev/null; then return 0; fi
        kill -0 "$dovecot_pid" 2> /dev/null || break
        sleep 0.1
    done
    echo "Dovecot did not start:" >&2
    cat "$dovecot_dir/dovecot.log" >&2 || true
    return 1
}

stop_dovecot() {
    if [[ -n "$dovecot_pid" ]]; then
        kill "$dovecot_pid" 2> /dev/null || true  # the master ends its own login, imap and auth processes
        wait "$dovecot_pid" 2> /dev/null || true
        dovecot_pid=""
    fi
    [[ -z "$dovecot_dir" ]] || rm -rf "$dovecot_dir"
    dovecot_dir=""
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
                PORT=$port OUTREACH_DB_URL="jdbc:h2:file:$data/outreach;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE" \
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
        outbox-webhooks)
            echo "== Outbox with webhooks: SMTP send path with 3 loopback endpoints vs without, alternating rounds"
            PATH="$PATH:/usr/sbin" run_java -Xmx1g -cp "$classpath" dev.outreach.integration.OutboxWebhooksBenchmark "$results"
            ;;
        reputation)
            echo "== Scoped reputation recording (app, 50 threads on one Lettuce connection) vs redis-benchmark -P 16"
            run_java -Xmx512m -cp "$classpath" dev.outreach.deliverability.ReputationBenchmark "$results"
            ;;
        webhooks)
            echo "== Webhook ingest: signed batches of 1,000 events, each sent 3 times, vs pgbench; effects exactly once"
            run_java -Xmx1g -cp "$classpath" dev.outreach.events.WebhookIngestBenchmark "$results"
            ;;
        webhooks-out)
            echo "== Outgoing webhooks: 10k events to 3 loopback endpoints (no loss, throughput, p99) and the send transaction's cost"
            run_java -Xmx1g -cp "$classpath" dev.outreach.integration.WebhookFanOutBenchmark "$results"
            ;;
        tick)
            echo "== Sequencer tick: 100k due among 1M and 200k enrollments vs the same INSERT ... SELECT in psql"
            run_java -Xmx1g -cp "$classpath" dev.outreach.cadence.TickBenchmark "$results"
            ;;
        recontact)
            echo "== Re-contact worker: 100k eligible among 1M enrollments vs the same UPDATE in psql"
            run_java -Xmx1g -cp "$classpath" dev.outreach.cadence.RecontactBenchmark "$results"
            ;;
        enroll)
            echo "== Add by filter: 100k grade-A leads among 300k into a campaign, the job vs the bare INSERT ... SELECT in psql"
            run_java -Xmx1g -cp "$classpath" dev.outreach.cadence.EnrollBenchmark "$results"
            ;;
        ratelimit)
            echo "== Rate limiter: one Lua script vs Bucket4j on Lettuce, 4 limits per acquisition, 16 threads"
            run_java -Xmx512m -cp "$classpath" dev.outreach.channel.ratelimit.RateLimitBenchmark "$results"
            ;;
        imap)
            echo "== IMAP poll: 10 new mails in an inbox of 10,000 vs in an inbox of 100 (ratio of medians), Dovecot then GreenMail"
            start_dovecot
            run_java -Xmx1g -Dbench.imap.dovecot.port="$dovecot_port" -cp "$classpath" \
                dev.outreach.events.ImapPollBenchmark "$results"
            stop_dovecot
            ;;
        chaos)
            echo "== Chaos: 2,000 sends on 2 instances, 24 SIGKILLs and restarts: duplicates, lost, in doubt before and after reconciliation"
            ./mvnw -B -q -DskipTests package  # the instances run the packaged jar
            # shellcheck disable=SC2086  # CHAOS_OPTS is a list of -D options
            run_java -Xmx512m ${CHAOS_OPTS:-} -cp "$classpath" dev.outreach.chaos.ChaosBenchmark "$results"
            ;;
        campaign-overview|campaign-list)
            echo "== Campaign figures ($benchmark): 500 campaigns, one of 200k enrollments and 1M messages, vs the same SQL in psql"
            run_java -Xmx1g -cp "$classpath" dev.outreach.cadence.CampaignStatsBenchmark "$results" "$benchmark"
            ;;
        inbox)
            echo "== Inbox: the first page of 50 among 100k replies (and with each filter) vs the same SQL in psql and bare JDBC"
            run_java -Xmx1g -cp "$classpath" dev.outreach.inbox.InboxBenchmark "$results"
            ;;
        *)
            echo "unknown benchmark: $benchmark (grid, import, startup, outbox, outbox-webhooks, reputation, webhooks, webhooks-out, tick, recontact, ratelimit, imap, chaos, enroll, campaign-overview, campaign-list or inbox)" >&2
            exit 2
            ;;
    esac
done
