package dev.outreach.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.support.PostgresIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged application run for minutes as a user runs it, on the embedded default and on
 * the {@code postgres} profile, with every scheduled job on a short interval and the pool
 * retiring its connections every 30 s. A browser imports, enrolls, edits leads, users and
 * settings while the sandbox sends and the simulator answers. It fails on any ERROR, any WARN
 * with a stack trace or not known to be harmless, any failed write, and any scheduled job that
 * did not finish a run. {@code -Dsoak.minutes} sets the drive's length (default 3 per profile).
 *
 * <p>The apps run in processes of their own, so the soak runs beside the other integration
 * classes (which run one after the other), and its two profiles at the same time, never beside
 * the chaos run ({@link PackagedApp#LANE}).
 */
@Execution(ExecutionMode.CONCURRENT)
class SoakIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(SoakIntegrationTests.class);
    static final Duration DRIVE = Duration.ofSeconds(Math.round(60 * Double.parseDouble(System.getProperty("soak.minutes", "3"))));
    static final String ADMIN_PASSWORD = "soak-admin-password";

    /** Every scheduled job on a short interval; the pool retires each connection after 30 s (its minimum). */
    static final List<String> SHORT_INTERVALS = List.of(
            "--spring.datasource.hikari.max-lifetime=30000",
            "--spring.datasource.hikari.keepalive-time=0",
            "--outreach.dispatch.poll-interval=2s",
            "--outreach.cadence.check-interval=5s",
            "--outreach.cadence.recontact-cron=*/20 * * * * *",
            "--outreach.reputation.guard-interval=PT10S",
            "--outreach.reputation.guard-initial-delay=PT5S",
            "--outreach.simulator.interval=5s",
            "--outreach.imap.poll-interval=10s",
            "--outreach.manual-tasks.expiry-check=PT10S",
            "--outreach.demo-messages=60",
            "--logging.level.dev.outreach=INFO");

    @Test
    @ResourceLock(value = PackagedApp.LANE, mode = ResourceAccessMode.READ)
    void theEmbeddedDefaultRunsForMinutesWithoutAnErrorOrALostWrite() throws Exception {
        Path workDir = workDir("embedded");
        Soak.Report report;
        try (PackagedApp app = PackagedApp.start(workDir, Map.of("OUTREACH_ADMIN_PASSWORD", ADMIN_PASSWORD),
                SHORT_INTERVALS)) {
            app.awaitReady(Duration.ofMinutes(3));
            report = Soak.drive(app, DRIVE);
        }
        String url = "jdbc:h2:file:" + workDir.resolve("data/outreach").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            assertEffects("embedded", workDir, report, db);
        }
    }

    @Test
    @ResourceLock(value = PackagedApp.LANE, mode = ResourceAccessMode.READ)
    void thePostgresProfileRunsForMinutesWithoutAnErrorOrALostWrite() throws Exception {
        String database = "outreach_soak_" + Long.toHexString(System.nanoTime());
        String admin = env("OUTREACH_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("OUTREACH_TEST_DB_USER", "postgres");
        String password = env("OUTREACH_TEST_DB_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        } catch (SQLException e) {
            PostgresIntegrationTest.requireService("PostgreSQL at " + admin, e);
        }
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + database;
        Path workDir = workDir("postgres");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("OUTREACH_DB_URL", url);
        env.put("OUTREACH_DB_USER", user);
        env.put("OUTREACH_DB_PASSWORD", password);
        // a Redis database of its own, emptied before and after
        env.put("OUTREACH_REDIS_URL", "redis://" + env("OUTREACH_TEST_REDIS_HOST", "127.0.0.1") + ":6379/7");
        env.put("OUTREACH_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        env.put("OUTREACH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("OUTREACH_DEMO_DATA", "true");
        env.put("OUTREACH_SIMULATOR", "true");
        try {
            PostgresIntegrationTest.emptyRedis(env.get("OUTREACH_REDIS_URL"));
            Soak.Report report;
            try (PackagedApp app = PackagedApp.start(workDir, env, SHORT_INTERVALS)) {
                app.awaitReady(Duration.ofMinutes(3));
                report = Soak.drive(app, DRIVE);
            }
            try (Connection db = DriverManager.getConnection(url, user, password)) {
                assertEffects("postgres", workDir, report, db);
            }
        } finally {
            PostgresIntegrationTest.emptyRedis(env.get("OUTREACH_REDIS_URL"));
            try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    /** The log is clean, every job finished runs, every write the drive made is in the database. */
    private static void assertEffects(String profile, Path workDir, Soak.Report report, Connection db) throws Exception {
        LogVerdict verdict = LogVerdict.of(workDir.resolve("app.log"));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("lead", "enrollment", "outreach_message", "email_event", "app_user", "audit_log")) {
            counts.put(table, count(db, "select count(*) from " + table));
        }
        counts.put("messages sent", count(db, "select count(*) from outreach_message where status in ('SENT', 'DELIVERED', 'REPLIED', 'BOUNCED')"));
        String summary = String.format(Locale.ROOT, "Soak (%s) for %s: %s; drive: %s; database: %s; log %s", profile,
                DRIVE, verdict.summary(), report, counts, workDir.resolve("app.log").toAbsolutePath());
        log.info(summary);
        Files.writeString(workDir.resolve("soak-report.txt"), summary + "\n");

        assertThat(verdict.errors()).as("ERROR entries in the log (%s)", summary).isEmpty();
        assertThat(verdict.warnings()).as("unexpected WARN entries in the log (%s)", summary).isEmpty();
        assertThat(report.failedWrites()).as("writes the console refused or lost (%s)", summary).isEmpty();
        assertThat(report.jobsWithoutARun()).as("scheduled jobs that finished no run (%s)", summary).isEmpty();
        assertThat(count(db, "select count(*) from lead where email like '%@soak.example'"))
                .as("leads the drive created and imported").isEqualTo(report.leadsWritten());
        assertThat(count(db, "select count(*) from app_user where username like 'soak-%'"))
                .as("users the drive created").isEqualTo(report.usersCreated());
        assertThat(counts.get("messages sent")).as("mail sent into the sandbox").isPositive();
        assertThat(counts.get("email_event")).as("simulated delivery events ingested").isPositive();
        assertThat(count(db, "select count(*) from outreach_message where enrollment_id is not null"))
                .as("touches the sequencer tick wrote for enrolled leads").isPositive();
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Path workDir(String profile) throws Exception {
        return Files.createDirectories(Path.of("target", "soak", profile + "-" + Instant.now().toEpochMilli()))
                .toAbsolutePath();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
