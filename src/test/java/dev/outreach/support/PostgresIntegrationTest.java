package dev.outreach.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the application on the real PostgreSQL of the machine (OUTREACH_TEST_DB_URL, default
 * 127.0.0.1:5432/test) in its own schema, dropped and migrated from empty once per test run.
 * Without PostgreSQL these tests are skipped on a developer machine and FAIL when CI=true.
 */
@SpringBootTest(properties = "outreach.demo-data=false")
@ActiveProfiles({"test", "postgres"})
public abstract class PostgresIntegrationTest {

    public static final String SCHEMA = "outreach_it";
    public static final String URL = env("OUTREACH_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("OUTREACH_TEST_DB_USER", "postgres");
    public static final String PASSWORD = env("OUTREACH_TEST_DB_PASSWORD", "");
    /**
     * The counters' Redis database, emptied with the schema: per-lead and per-mailbox counts name
     * leads and mailboxes by id, and a new schema numbers them from 1 again, so counts a previous
     * run left would refuse this run's sends.
     */
    static final String REDIS_URL = "redis://" + env("OUTREACH_TEST_REDIS_HOST", "127.0.0.1") + ":6379/3";

    @BeforeAll
    public static void requirePostgres() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            // reachable
        } catch (SQLException e) {
            requireService("PostgreSQL at " + URL, e);
        }
    }

    /** Points the context at a freshly emptied schema; for a test class that cannot extend this one. */
    @DynamicPropertySource
    public static void postgres(DynamicPropertyRegistry registry) {
        recreateSchema();
        emptyRedis(REDIS_URL);
        registry.add("spring.data.redis.url", () -> REDIS_URL);
        String separator = URL.contains("?") ? "&" : "?";
        registry.add("spring.datasource.url", () -> URL + separator + "currentSchema=" + SCHEMA + ",public");
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.default-schema", () -> SCHEMA);
    }

    /** Empties one Redis database (a URL ending in its number); fails under CI, skips elsewhere, without Redis. */
    public static void emptyRedis(String url) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(url);
        try (var connection = client.connect()) {
            connection.sync().flushdb();
        } catch (RuntimeException e) {
            requireService("Redis at " + url, e);
        } finally {
            client.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
        }
    }

    private static void recreateSchema() {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
            statement.execute("create schema " + SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare schema " + SCHEMA + " on " + URL, e);
        }
    }

    /** Fails under CI, where every service must be present; skips elsewhere. */
    public static void requireService(String service, Exception cause) {
        String message = service + " is not reachable: " + cause.getMessage();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true: tests that need it must not be skipped)", cause);
        }
        Assumptions.abort(message);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
