package dev.outreach.soak;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the soak's drive did and saw, and the small tools it needs around the app. */
final class Soak {

    /** Every scheduled job, by the name it reports its runs under ({@code outreach.job.runs}). */
    static final List<String> JOBS = List.of("sequencer-tick", "outbox-dispatcher", "sandbox-event-simulator",
            "recontact-worker", "manual-task-expiry", "imap-poller", "health-guard");

    private static final Pattern JOB_RUNS = Pattern.compile(
            "^outreach_job_runs_seconds_count\\{(?=[^}]*name=\"([^\"]+)\")(?=[^}]*outcome=\"([^\"]+)\")[^}]*} ([0-9.eE+-]+)$",
            Pattern.MULTILINE);

    private Soak() {
    }

    /** The drive's outcome: what it wrote, what failed, and each job's runs by outcome. */
    record Report(int iterations, int leadsWritten, int usersCreated, List<String> failedWrites,
            Map<String, Map<String, Long>> jobRuns) {

        /** Jobs with no successful run, or with a failed one. */
        List<String> jobsWithoutARun() {
            return JOBS.stream().filter(job -> jobRuns.getOrDefault(job, Map.of()).getOrDefault("success", 0L) == 0
                    || jobRuns.getOrDefault(job, Map.of()).getOrDefault("failure", 0L) > 0).toList();
        }
    }

    /** {@code name -> outcome -> runs} from a Prometheus scrape. */
    static Map<String, Map<String, Long>> jobRuns(String scrape) {
        Map<String, Map<String, Long>> runs = new TreeMap<>();
        Matcher m = JOB_RUNS.matcher(scrape);
        while (m.find()) {
            runs.computeIfAbsent(m.group(1), k -> new TreeMap<>()).merge(m.group(2), (long) Double.parseDouble(m.group(3)),
                    Long::sum);
        }
        return runs;
    }

    static Report drive(PackagedApp app, Duration length) throws Exception {
        return SoakDrive.run(app, length);
    }
}
