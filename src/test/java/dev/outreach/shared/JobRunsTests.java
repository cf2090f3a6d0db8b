package dev.outreach.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class JobRunsTests {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JobRuns jobs = new JobRuns(registry);

    @Test
    void runsAndFailuresAreCountedPerJobAsPrometheusShowsThem() {
        assertThat(jobs.call("sequencer-tick", () -> 42)).isEqualTo(42);
        jobs.run("sequencer-tick", () -> { });
        assertThatThrownBy(() -> jobs.run("recontact-worker", () -> {
            throw new IllegalStateException("database gone");
        })).as("the failure still reaches the scheduler").hasMessage("database gone");

        assertThat(registry.scrape())
                .contains("outreach_job_runs_seconds_count{name=\"sequencer-tick\",outcome=\"success\"} 2")
                .contains("outreach_job_runs_seconds_count{name=\"recontact-worker\",outcome=\"failure\"} 1")
                .doesNotContain("name=\"recontact-worker\",outcome=\"success\"");
    }
}
