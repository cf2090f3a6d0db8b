package dev.outreach.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Benchmark-style program, not a test (run by {@code bench/run.sh chaos}): the chaos run at full
 * size, 2,000 sends on 2 instances with 24 SIGKILLs; any {@code -Dchaos.*} setting of
 * {@link ChaosSettings} changes it. Prints the one-line report and writes it to
 * {@code <results>/chaos.txt}; the instances' logs stay under {@code target/chaos/}.
 */
public final class ChaosBenchmark {

    private ChaosBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        ChaosSettings settings = ChaosSettings.fromSystemProperties(Map.of("sends", "2000", "kills", "24"));
        Path workDir = Path.of("target", "chaos", "bench-" + Instant.now().toEpochMilli()).toAbsolutePath();
        ChaosReport report = ChaosRun.run(settings, workDir);
        System.out.println(report.line());
        System.out.println("Kills and instance logs: " + workDir);
        Files.writeString(results.resolve("chaos.txt"), report.line() + "\n");
        System.exit(0);
    }
}
