package dev.outreach.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's reading of a log in Spring Boot's console format. */
class LogVerdictTests {

    @TempDir
    Path dir;

    @Test
    void errorsWarningsWithAStackTraceAndUnknownWarningsFailKnownOnesDoNot() throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, """
                2026-12-07T01:21:50.919Z  INFO 1 --- [outreach-engine] [main] d.o.OutreachApplication : Started
                2026-12-07T01:21:51.687Z  WARN 1 --- [outreach-engine] [main] o.f.c.i.d.base.Database : Using H2 2.5.252 which is newer than the version Flyway has been verified with. The latest verified version of H2 is 2.3.232.
                2026-12-07T01:28:02.686Z  WARN 1 --- [outreach-engine] [scheduling-2] d.o.d.HealthGuard : Health guard run failed
                org.springframework.transaction.IllegalTransactionStateException: No existing transaction
                \tat dev.outreach.shared.AuditLog.record(AuditLog.java:40)

                2026-12-07T01:29:00.000Z  WARN 1 --- [outreach-engine] [main] d.o.Something : Something odd
                2026-12-07T01:30:00.000Z ERROR 1 --- [outreach-engine] [http-nio-1] o.a.c.c.C.[Tomcat] : Servlet failed
                \tat org.example.Servlet.service(Servlet.java:1)
                2026-12-07T01:31:00.000Z  WARN 1 --- [outreach-engine] [main] o.f.c.i.d.base.Database : Using H2 2.5.252 which is newer than the version Flyway has been verified with.
                java.lang.IllegalStateException: even a known warning fails with a stack trace
                """);

        LogVerdict verdict = LogVerdict.of(log);

        assertThat(verdict.entries()).isEqualTo(6);
        assertThat(verdict.errors()).singleElement().asString().contains("Servlet failed").contains("Servlet.java:1");
        assertThat(verdict.warnings()).hasSize(3)
                .anySatisfy(w -> assertThat(w).contains("Health guard run failed").contains("AuditLog.record"))
                .anySatisfy(w -> assertThat(w).contains("Something odd"))
                .anySatisfy(w -> assertThat(w).contains("even a known warning"));
        assertThat(verdict.expectedWarnings()).singleElement().asString().contains("newer than the version Flyway");
        assertThat(verdict.clean()).isFalse();
    }
}
