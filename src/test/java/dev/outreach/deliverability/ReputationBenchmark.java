package dev.outreach.deliverability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Scoped recording ({@link ReputationService#recordEmailEventScoped}: one EVALSHA writing the
 * global, domain and mailbox keys) against {@code redis-benchmark -P 16} running the same
 * EVALSHA with the same keys and arguments, in the same run. The app side records from 50
 * threads over Lettuce's one shared connection, which pipelines their commands; the ceiling is
 * redis-benchmark's default 50 clients each pipelining 16 commands: as many callers on each side.
 */
public final class ReputationBenchmark {

    private static final int EVENTS = 200_000;
    private static final int THREADS = 50;

    private ReputationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        LettuceConnectionFactory connection = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        connection.afterPropertiesSet();
        connection.start();
        StringRedisTemplate redis = new StringRedisTemplate(connection);
        ReputationService reputation = new ReputationService(new RedisReputationStore(redis), Clock.systemUTC());
        String domain = "bench.example";
        String mailbox = "bench@bench.example";
        List<String> keys = List.of(ReputationService.key(ReputationService.Scope.GLOBAL, "", EmailEventType.SENT),
                ReputationService.key(ReputationService.Scope.DOMAIN, domain, EmailEventType.SENT),
                ReputationService.key(ReputationService.Scope.MAILBOX, mailbox, EmailEventType.SENT));
        try {
            redis.delete(keys);
            record(reputation, domain, mailbox, 100_000); // warm-up: JIT, script cache, connection
            double app = 0;
            double ceiling = 0;
            List<String> lines = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                long began = System.nanoTime();
                record(reputation, domain, mailbox, EVENTS);
                double appRate = EVENTS / ((System.nanoTime() - began) / 1e9);
                double ceilingRate = redisBenchmark(redis, keys);
                lines.add(String.format(Locale.ROOT, "round %d: app %,.0f events/s, redis-benchmark -P 16 %,.0f/s, ratio %.2f",
                        round, appRate, ceilingRate, appRate / ceilingRate));
                app += appRate;
                ceiling += ceilingRate;
            }
            lines.add(String.format(Locale.ROOT,
                    "Scoped recording (EVALSHA, 3 keys): app %,.0f events/s vs redis-benchmark -P 16 %,.0f/s: %.2fx",
                    app / 3, ceiling / 3, app / ceiling));
            lines.forEach(System.out::println);
            Files.write(results.resolve("reputation.txt"), lines, StandardCharsets.UTF_8);
        } finally {
            redis.delete(keys);
            connection.destroy();
        }
    }

    private static void record(ReputationService reputation, String domain, String mailbox, int events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < events / THREADS; i++) {
                        reputation.recordEmailEventScoped(EmailEventType.SENT, domain, mailbox);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** redis-benchmark running the very script call the app makes; returns requests per second. */
    private static double redisBenchmark(StringRedisTemplate redis, List<String> keys) throws IOException, InterruptedException {
        String sha = redis.execute(connection -> connection.scriptingCommands()
                .scriptLoad(RedisReputationStore.RECORD.getScriptAsString().getBytes(StandardCharsets.UTF_8)), true);
        long hour = System.currentTimeMillis() / 3_600_000;
        List<String> command = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", "6379", "-q",
                "-n", Integer.toString(EVENTS), "-P", "16", "evalsha", sha, "3"));
        command.addAll(keys);
        command.add(Long.toString(hour));
        command.add(Long.toString(RedisReputationStore.KEY_TTL_SECONDS));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("redis-benchmark failed: " + output);
        }
        // "evalsha ...: 123456.79 requests per second, p50=..." (the last progress line wins)
        Matcher matcher = Pattern.compile("([0-9.]+) requests per second").matcher(output);
        double rate = -1;
        while (matcher.find()) {
            rate = Double.parseDouble(matcher.group(1));
        }
        if (rate < 0) {
            throw new IllegalStateException("Unexpected redis-benchmark output: " + output);
        }
        return rate;
    }
}
