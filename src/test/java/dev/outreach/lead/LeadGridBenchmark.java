package dev.outreach.lead;

import dev.outreach.security.SystemActor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by bench/run.sh): the leads grid's page fetch through
 * {@link LeadService} on 1M leads in PostgreSQL, against the same SQL run by pgbench in the
 * same run (the ceiling). Prints one line per query with both medians and their ratio.
 */
public final class LeadGridBenchmark {

    static final int LEADS = Integer.getInteger("bench.leads", 1_000_000);
    static final int RUNS = Integer.getInteger("bench.runs", 30);

    record Case(String name, LeadFilter filter, int offset) {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        try (ConfigurableApplicationContext app = dev.outreach.bench.BenchAccess.start(false)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            ensureLeads(jdbc);
            LeadService leads = app.getBean(LeadService.class);
            List<Case> cases = List.of(
                    new Case("page 1, no filter", LeadFilter.all(), 0),
                    new Case("page 1, status NEW", LeadFilter.all().withStatus(LeadStatus.NEW), 0),
                    new Case("row 900,000, no filter", LeadFilter.all(), 900_000),
                    new Case("row 900,000, text filter matching all", LeadFilter.all().withText("@bench.example"), 900_000),
                    new Case("last page of status NEW (row 142,800)", LeadFilter.all().withStatus(LeadStatus.NEW), 142_800));
            System.out.printf(Locale.US, "%-48s %12s %12s %8s%n", "grid page fetch (50 rows)", "app ms", "pgbench ms", "ratio");
            List<String> lines = new ArrayList<>();
            for (Case c : cases) {
                double appMillis = timeApp(leads, c);
                double ceiling = timePgbench(c, results);
                String line = String.format(Locale.US, "%-48s %12.2f %12.2f %8.2f", c.name(), appMillis, ceiling,
                        appMillis / ceiling);
                System.out.println(line);
                lines.add(line);
            }
            Files.write(results.resolve("lead-grid.txt"), lines);
        }
    }

    private static void ensureLeads(JdbcClient jdbc) throws IOException {
        int existing = jdbc.sql("select count(*) from lead").query(Integer.class).single();
        if (existing == LEADS) {
            return;
        }
        System.out.printf("Generating %,d leads...%n", LEADS);
        jdbc.sql("truncate lead cascade").update();
        String sql = new ClassPathResource("db/generate-leads.sql").getContentAsString(StandardCharsets.UTF_8)
                .replace("${count}", Integer.toString(LEADS));
        for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement).update();
            }
        }
    }

    private static double timeApp(LeadService leads, Case c) {
        double[] millis = new double[RUNS];
        SystemActor.run(() -> {
            // Warm the JIT like a running server is warm: up to 500 calls or 3 seconds, at least 5.
            long warmUntil = System.nanoTime() + 3_000_000_000L;
            for (int i = 0; i < 500 && (i < 5 || System.nanoTime() < warmUntil); i++) {
                leads.page(c.filter(), LeadSort.CREATED, true, c.offset(), 50);
            }
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                List<LeadRow> rows = leads.page(c.filter(), LeadSort.CREATED, true, c.offset(), 50);
                millis[i] = (System.nanoTime() - start) / 1e6;
                if (rows.isEmpty()) {
                    throw new IllegalStateException("empty page for " + c.name());
                }
            }
        });
        return dev.outreach.bench.BenchAccess.median(millis);
    }

    /** Runs the identical SQL, parameters inlined, through pgbench and returns its average latency. */
    private static double timePgbench(Case c, Path results) throws Exception {
        LeadQueries.PageQuery query = LeadQueries.pageQuery(c.filter(), LeadSort.CREATED, true, c.offset(), 50);
        Path script = results.resolve("page-" + Math.abs(c.name().hashCode()) + ".sql");
        Files.writeString(script, inline(query.sql(), query.params()) + ";\n");
        ProcessBuilder pgbench = new ProcessBuilder("pgbench", "-n", "-h", "127.0.0.1", "-U",
                dev.outreach.bench.BenchAccess.USER, "-f", script.toString(), "-t", Integer.toString(RUNS), "test");
        pgbench.environment().put("PGOPTIONS", "-c search_path=" + dev.outreach.bench.BenchAccess.SCHEMA + ",public");
        pgbench.redirectErrorStream(true);
        Process process = pgbench.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(output);
        if (!latency.find()) {
            throw new IllegalStateException("no latency in pgbench output:\n" + output);
        }
        return Double.parseDouble(latency.group(1));
    }

    private static String inline(String sql, Map<String, Object> params) {
        String result = sql;
        for (var param : params.entrySet()) {
            Object value = param.getValue();
            String literal = value instanceof Number ? value.toString() : "'" + value.toString().replace("'", "''") + "'";
            result = result.replaceAll(":" + param.getKey() + "\\b", Matcher.quoteReplacement(literal));
        }
        return result;
    }
}
