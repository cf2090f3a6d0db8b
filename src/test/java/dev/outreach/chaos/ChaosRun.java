package dev.outreach.chaos;

import dev.outreach.chaos.ChaosReport.Kill;
import dev.outreach.chaos.ChaosTally.Touch;
import dev.outreach.shared.SecretCiphers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The chaos run: N touches sent by several packaged application processes on one PostgreSQL
 * database of their own and Redis database {@value #REDIS_DATABASE}, into a {@link RecordingMailServer},
 * while one instance at a time is killed with SIGKILL at random moments and started again.
 * Then it waits until nothing is due or claimed, counts, waits for the engine to resolve what
 * is in doubt, and counts again. Needs PostgreSQL and Redis (the integration tests' settings:
 * {@code OUTREACH_TEST_DB_URL}, {@code OUTREACH_TEST_DB_USER}, {@code OUTREACH_TEST_DB_PASSWORD},
 * {@code OUTREACH_TEST_REDIS_HOST}) and the packaged jar in {@code target/}.
 */
final class ChaosRun {

    static final int REDIS_DATABASE = 9;
    private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);

    private final ChaosSettings settings;
    private final Path workDir;
    private final JdbcClient jdbc;
    /** Every touch seen in doubt, sampled through the run: the doubt before the engine resolves any of it. */
    private final Set<UUID> seenInDoubt = ConcurrentHashMap.newKeySet();

    private ChaosRun(ChaosSettings settings, Path workDir, JdbcClient jdbc) {
        this.settings = settings;
        this.workDir = workDir;
        this.jdbc = jdbc;
    }

    /** Runs the chaos in {@code workDir} (the instances' logs, the report) and returns the report. */
    static ChaosReport run(ChaosSettings settings, Path workDir) throws Exception {
        infoLogging();
        Files.createDirectories(workDir);
        String admin = adminDatabaseUrl();
        String user = env("OUTREACH_TEST_DB_USER", "postgres");
        String password = env("OUTREACH_TEST_DB_PASSWORD", "");
        String database = "outreach_chaos_" + Long.toHexString(System.nanoTime());
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + database;
        String redis = redisUrl();
        execute(admin, user, password, "create database " + database);
        dev.outreach.support.PostgresIntegrationTest.emptyRedis(redis);
        try (RecordingMailServer mail = new RecordingMailServer(settings.smtpDelay())) {
            ChaosRun run = new ChaosRun(settings, workDir, JdbcClient.create(new DriverManagerDataSource(url, user, password)));
            ChaosReport report = run.run(mail, instanceEnv(url, user, password, redis));
            Files.writeString(workDir.resolve("chaos-report.txt"), report.line() + "\n");
            Files.write(workDir.resolve("kills.txt"), report.kills().stream().map(Kill::toString).toList());
            log.info(report.line());
            return report;
        } finally {
            dev.outreach.support.PostgresIntegrationTest.emptyRedis(redis);
            execute(admin, user, password, "drop database if exists " + database + " with (force)");
        }
    }

    private ChaosReport run(RecordingMailServer mail, Map<String, String> env) throws Exception {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (ChaosInstances instances = new ChaosInstances(workDir, env, appArgs(), settings.instances())) {
            instances.start(0); // migrates the database
            ChaosSeed.mailboxes(jdbc, mail, SecretCiphers.withKey(env.get("OUTREACH_SECRET_KEY")), settings.mailboxes());
            ChaosSeed.leadsAndTouches(jdbc, settings.leads(), settings.touchesPerLead());
            ChaosSeed.liveDelivery(jdbc);
            for (int i = 1; i < settings.instances(); i++) {
                instances.start(i);
            }
            sampler.scheduleWithFixedDelay(this::sampleDoubt, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            Instant released = Instant.now();
            log.info("Chaos: {} touches due now on {} instances", ChaosSeed.release(jdbc), settings.instances());
            List<Kill> kills = kill(instances, released);
            instances.awaitAll(ChaosInstances.STARTUP);
            boolean drained = awaitQuiet(instances, settings.drainTimeout(), false);
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            sampleDoubt();
            ChaosTally before = ChaosTally.of(touches(), mail.accepted(), Set.copyOf(seenInDoubt));
            log.info("Chaos: kills done, {}; {} touches in doubt, waiting up to {} for reconciliation",
                    drained ? "nothing due or claimed" : before.unfinished() + " touches still due or claimed",
                    before.inDoubt(), settings.reconcileWait());
            Instant waitFrom = Instant.now();
            boolean resolved = before.inDoubt() == 0 || awaitQuiet(instances, settings.reconcileWait(), true);
            List<Touch> touches = touches();
            Set<UUID> leftForAPerson = new java.util.HashSet<>();
            touches.stream().filter(Touch::needsReview).forEach(touch -> leftForAPerson.add(touch.id()));
            ChaosTally after = ChaosTally.of(touches, mail.accepted(), leftForAPerson);
            return new ChaosReport(settings, kills, before, after,
                    reconciliation(before, after, resolved, Duration.between(waitFrom, Instant.now())),
                    Duration.between(released, Instant.now()));
        } finally {
            sampler.shutdownNow();
        }
    }

    /** The kills, each after a random wait, of a random answering instance; each is started again at once. */
    private List<Kill> kill(ChaosInstances instances, Instant released) throws Exception {
        Random random = new Random(settings.seed());
        long min = settings.killEveryMin().toMillis();
        long spread = settings.killEveryMax().toMillis() - min;
        List<Kill> kills = new ArrayList<>();
        for (int number = 1; number <= settings.kills(); number++) {
            Thread.sleep(min + (spread == 0 ? 0 : random.nextLong(spread + 1)));
            instances.checkHealthy();
            int claimed = count("status = 'SENDING' and not needs_review");
            String victim = instances.killOne(random);
            Kill kill = new Kill(number, victim, Duration.between(released, Instant.now()), claimed);
            kills.add(kill);
            log.info("Chaos: {}", kill);
        }
        return kills;
    }

    /**
     * Waits until nothing is due or claimed (and, with {@code resolved}, nothing left for a
     * person), or {@code timeout} passes; returns whether that state was reached.
     */
    private boolean awaitQuiet(ChaosInstances instances, Duration timeout, boolean resolved) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            instances.checkHealthy();
            if (count("status = 'PENDING' or (status = 'SENDING' and not needs_review)"
                    + (resolved ? " or needs_review" : "")) == 0) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    private void sampleDoubt() {
        try {
            // flagged for review, whatever its status: the engine may move a message in doubt on before it is resolved
            seenInDoubt.addAll(jdbc.sql("select id from outreach_message where needs_review")
                    .query(UUID.class).list());
        } catch (RuntimeException e) {
            log.warn("Chaos: could not sample the touches in doubt: {}", e.getMessage());
        }
    }

    private List<Touch> touches() {
        return jdbc.sql("""
                select m.id, l.email, m.touch, m.status, m.needs_review
                from outreach_message m join lead l on l.id = m.lead_id
                """).query((rs, row) -> new Touch(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                rs.getString(4), rs.getBoolean(5))).list();
    }

    private int count(String where) {
        return jdbc.sql("select count(*) from outreach_message where " + where).query(Integer.class).single();
    }

    private static String reconciliation(ChaosTally before, ChaosTally after, boolean resolved, Duration waited) {
        if (before.inDoubt() == 0) {
            return "nothing to reconcile";
        }
        if (resolved) {
            return "all resolved within " + waited.toSeconds() + " s";
        }
        return after.inDoubt() == before.inDoubt() && after.unfinished() == 0
                ? "none resolved in " + waited.toSeconds() + " s: no reconciliation"
                : "not all resolved in " + waited.toSeconds() + " s";
    }

    /** Short intervals so that a killed instance's claims come back within the run. */
    private List<String> appArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--outreach.dispatch.poll-interval=1s",
                "--outreach.dispatch.lease=" + settings.lease().toSeconds() + "s",
                "--outreach.dispatch.parallelism=" + settings.senders(),
                "--outreach.sandbox.enabled=false",
                // the sent-folder reconciler: every few seconds, and a message missing from the sent
                // folders is sent again once the recording server (which files before it answers)
                // certainly had it
                "--outreach.dispatch.doubt.interval=5s",
                "--outreach.dispatch.doubt.sent-folder-wait=30s",
                "--logging.level.dev.outreach=INFO"));
        args.addAll(settings.appArgs());
        return args;
    }

    private static Map<String, String> instanceEnv(String url, String user, String password, String redis) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("OUTREACH_DB_URL", url);
        env.put("OUTREACH_DB_USER", user);
        env.put("OUTREACH_DB_PASSWORD", password);
        env.put("OUTREACH_REDIS_URL", redis);
        env.put("OUTREACH_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        env.put("OUTREACH_ADMIN_PASSWORD", "chaos-admin-password");
        return env;
    }

    static String redisUrl() {
        return "redis://" + env("OUTREACH_TEST_REDIS_HOST", "127.0.0.1") + ":6379/" + REDIS_DATABASE;
    }

    static String adminDatabaseUrl() {
        return env("OUTREACH_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    /**
     * No Spring Boot sets up logging in this JVM: Logback's default would log every SQL statement of
     * the sampler and every SMTP command at DEBUG.
     */
    private static void infoLogging() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root
                && !root.getEffectiveLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO)) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    /** Connects to the administrative database, as the run does to create its own. */
    static void probeDatabase() throws SQLException {
        DriverManager.getConnection(adminDatabaseUrl(), env("OUTREACH_TEST_DB_USER", "postgres"),
                env("OUTREACH_TEST_DB_PASSWORD", "")).close();
    }

    private static void execute(String url, String user, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
