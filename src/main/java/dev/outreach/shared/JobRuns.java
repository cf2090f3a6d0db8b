package dev.outreach.shared;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Times every run of a scheduled job as {@code outreach.job.runs} (tags {@code name} and
 * {@code outcome} = success or failure), so that operators see on {@code /actuator/prometheus}
 * that each job runs and finishes ({@code outreach_job_runs_seconds_count}). A run is the job
 * doing its work: a check that finds nothing due yet, or a run another instance holds the lock
 * for, is not counted. The tag is {@code name} rather than {@code job}, which Prometheus
 * reserves for the scrape target.
 */
@Component
public class JobRuns {

    static final String METER = "outreach.job.runs";

    private final MeterRegistry registry;

    JobRuns(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs one run of {@code job}, timed; a failure is counted and thrown on. */
    public <T> T call(String job, Supplier<T> work) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
            T result = work.get();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder(METER).description("Runs of a scheduled job").tag("name", job)
                    .tag("outcome", outcome).register(registry));
        }
    }

    public void run(String job, Runnable work) {
        call(job, () -> {
            work.run();
            return null;
        });
    }
}
