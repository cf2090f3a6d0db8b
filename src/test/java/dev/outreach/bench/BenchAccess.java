package dev.outreach.bench;

import dev.outreach.OutreachApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real application on PostgreSQL in the {@code outreach_bench} schema, for benchmarks only. */
public final class BenchAccess {

    public static final String SCHEMA = "outreach_bench";
    public static final String URL = System.getProperty("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("bench.db.user", "postgres");

    private BenchAccess() {
    }

    public static ConfigurableApplicationContext start(boolean freshSchema, String... extraArgs) throws SQLException {
        if (freshSchema) {
            try (Connection connection = DriverManager.getConnection(URL, USER, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
                statement.execute("create schema " + SCHEMA);
            }
        }
        // Command-line arguments, so that they win over application-postgres.yaml's defaults.
        return new SpringApplicationBuilder(OutreachApplication.class)
                .profiles("postgres")
                .run(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                        "--spring.datasource.url=" + URL + "?currentSchema=" + SCHEMA + ",public",
                        "--spring.datasource.username=" + USER,
                        "--spring.datasource.password=",
                        "--spring.flyway.schemas=" + SCHEMA,
                        "--spring.flyway.default-schema=" + SCHEMA,
                        // Redis database 1: rate-limit and reputation keys name mailboxes and domains by id, and
                        // the bench schema's ids are the test schema's too; sends here must not use up their caps
                        "--spring.data.redis.url=" + System.getProperty("bench.redis.url", "redis://127.0.0.1:6379/1"),
                        "--outreach.demo-data=false",
                        "--outreach.admin-password=bench-admin-password",
                        "--outreach.sandbox.enabled=false",
                        "--server.port=0",
                        "--logging.level.root=WARN"), java.util.Arrays.stream(extraArgs)).toArray(String[]::new));
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
