package dev.outreach.cadence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outreach.enrollment-jobs.*}: how many leads one chunk (one transaction) of an
 * add-by-filter job enrolls, how many jobs run at once per instance, and after how long without a
 * finished chunk a running job counts as interrupted (its instance stopped).
 */
@ConfigurationProperties("outreach.enrollment-jobs")
record EnrollmentJobProperties(
        @DefaultValue("5000") int chunkSize,
        @DefaultValue("2") int threads,
        @DefaultValue("5m") Duration staleAfter) {

    EnrollmentJobProperties {
        if (chunkSize < 1 || threads < 1) {
            throw new IllegalArgumentException("outreach.enrollment-jobs.chunk-size and threads must be at least 1");
        }
    }
}
