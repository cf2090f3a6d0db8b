package dev.outreach.shared;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs again, while the application runs, every cross-module effect ({@link AfterCommitEffect})
 * whose publication is FAILED: the listener threw, or it was cut off by a crash of another
 * instance and the registry's staleness check ({@code spring.modulith.events.staleness.*})
 * marked the publication failed once it stayed unfinished for longer than any listener takes.
 * Without it such an effect would wait for the next restart of an instance. The listeners are
 * idempotent, so an effect run again happens once. One instance at a time.
 */
@Component
class FailedEffectsRetry {

    static final String JOB = "failed-effects-retry";

    private final FailedEventPublications failed;
    private final JobRuns jobs;

    FailedEffectsRetry(FailedEventPublications failed, JobRuns jobs) {
        this.failed = failed;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${outreach.events.retry-interval:PT5M}",
            initialDelayString = "${outreach.events.retry-interval:PT5M}")
    @SchedulerLock(name = JOB)
    void retry() {
        jobs.run(JOB, () -> failed.resubmit(ResubmissionOptions.defaults().withBatchSize(100)));
    }
}
