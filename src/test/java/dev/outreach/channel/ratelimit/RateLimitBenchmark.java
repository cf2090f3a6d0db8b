package dev.outreach.channel.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Benchmark, not a test (run by {@code bench/run.sh ratelimit}): the choice between the two
 * Redis limiters STACK.md names, measured on the same Redis in one run. One acquisition is what
 * the sequencer asks for an email: a unit from the channel's hour and day, the lead's allowance
 * and the mailbox's day, all or none.
 * <ul>
 * <li>Lua: {@link RedisRateLimiter}, one script checks the four counters and takes one unit from
 * each, atomically, in one round trip.</li>
 * <li>Bucket4j on Lettuce (compare-and-swap proxy manager): a token bucket per key; Bucket4j has
 * no atomic take across buckets, so the four are taken one after another and given back when a
 * later one is empty (between those steps another instance sees units taken that are then given
 * back).</li>
 * </ul>
 * Both on {@code THREADS} threads sharing one connection, limits high enough that nothing is
 * refused (the path every send takes), three alternating rounds, medians reported.
 */
public final class RateLimitBenchmark {

    static final int ACQUISITIONS = Integer.getInteger("bench.acquisitions", 40_000);
    static final int THREADS = Integer.getInteger("bench.threads", 16);
    static final int LEADS = 10_000;
    static final int MAILBOXES = 20;
    static final String HOST = System.getProperty("bench.redis.host", "127.0.0.1");

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        String run = "bench:" + UUID.randomUUID() + ":";
        Instant hourEnd = Instant.now().plus(Duration.ofHours(1));
        Instant dayEnd = Instant.now().plus(Duration.ofDays(1));

        // database 1, as the other benchmarks (see BenchAccess): apart from the tests' counters
        RedisStandaloneConfiguration redisDatabase = new RedisStandaloneConfiguration(HOST, 6379);
        redisDatabase.setDatabase(1);
        LettuceConnectionFactory connection = new LettuceConnectionFactory(redisDatabase);
        connection.afterPropertiesSet();
        connection.start();
        RedisRateLimiter lua = new RedisRateLimiter(new StringRedisTemplate(connection), Clock.systemUTC());

        RedisClient client = RedisClient.create("redis://" + HOST + ":6379/1");
        var bucketConnection = client.connect(io.lettuce.core.codec.RedisCodec.of(
                io.lettuce.core.codec.StringCodec.UTF8, io.lettuce.core.codec.ByteArrayCodec.INSTANCE));
        ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(bucketConnection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5)))
                .build();
        BucketConfiguration hourly = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(100_000_000).refillIntervally(100_000_000, Duration.ofHours(1))).build();
        BucketConfiguration daily = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(100_000_000).refillIntervally(100_000_000, Duration.ofDays(1))).build();
        BucketConfiguration perLead = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1_000_000).refillIntervally(1_000_000, Duration.ofDays(30))).build();

        Predicate<int[]> luaAcquire = target -> lua.tryAcquire(List.of(
                new RateLimit(run + "lua:channel:EMAIL:hour", 100_000_000, hourEnd, "bench"),
                new RateLimit(run + "lua:channel:EMAIL:day", 100_000_000, dayEnd, "bench"),
                new RateLimit(run + "lua:lead:" + target[0] + ":EMAIL", 1_000_000, dayEnd, "bench"),
                new RateLimit(run + "lua:mailbox:" + target[1] + ":day", 100_000_000, dayEnd, "bench"))).allowed();
        Predicate<int[]> bucketAcquire = target -> {
            List<BucketProxy> four = List.of(
                    buckets.builder().build(run + "b4j:channel:EMAIL:hour", () -> hourly),
                    buckets.builder().build(run + "b4j:channel:EMAIL:day", () -> daily),
                    buckets.builder().build(run + "b4j:lead:" + target[0] + ":EMAIL", () -> perLead),
                    buckets.builder().build(run + "b4j:mailbox:" + target[1] + ":day", () -> daily));
            for (int i = 0; i < four.size(); i++) {
                if (!four.get(i).tryConsume(1)) {
                    for (int taken = 0; taken < i; taken++) {
                        four.get(taken).addTokens(1);
                    }
                    return false;
                }
            }
            return true;
        };

        try {
            int rounds = 3;
            double[] luaRates = new double[rounds];
            double[] bucketRates = new double[rounds];
            rate(luaAcquire); // warm-up, both
            rate(bucketAcquire);
            for (int round = 0; round < rounds; round++) {
                luaRates[round] = rate(luaAcquire);
                bucketRates[round] = rate(bucketAcquire);
            }
            double luaRate = median(luaRates);
            double bucketRate = median(bucketRates);
            String line = String.format(Locale.US, "Rate limiter, %,d acquisitions of 4 limits on %d threads (median of %d"
                    + " alternating rounds): Lua script %.0f/s, Bucket4j on Lettuce %.0f/s, ratio %.2f", ACQUISITIONS, THREADS,
                    rounds, luaRate, bucketRate, luaRate / bucketRate);
            System.out.println(line);
            Files.writeString(results.resolve("ratelimit.txt"), line + "\n", StandardCharsets.UTF_8);
        } finally {
            try (var cleanup = client.connect()) {
                List<String> keys = cleanup.sync().keys(run + "*");
                if (!keys.isEmpty()) {
                    cleanup.sync().del(keys.toArray(String[]::new));
                }
            }
        }
        bucketConnection.close();
        client.shutdown();
        connection.destroy();
        System.exit(0);
    }

    /** Acquisitions per second of {@code acquire} on {@code THREADS} threads, each for a random lead and mailbox. */
    private static double rate(Predicate<int[]> acquire) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        AtomicInteger refused = new AtomicInteger();
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                running.add(threads.submit(() -> {
                    for (int i = 0; i < ACQUISITIONS / THREADS; i++) {
                        int[] target = {ThreadLocalRandom.current().nextInt(LEADS), ThreadLocalRandom.current().nextInt(MAILBOXES)};
                        if (!acquire.test(target)) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
            double rate = (ACQUISITIONS / THREADS * THREADS) / ((System.nanoTime() - start) / 1e9);
            if (refused.get() > 0) {
                throw new IllegalStateException(refused.get() + " acquisitions were refused; the limits are meant to allow all");
            }
            return rate;
        } finally {
            threads.shutdownNow();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
