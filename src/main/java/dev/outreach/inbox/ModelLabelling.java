package dev.outreach.inbox;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.JobRuns;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the model about the replies the rules left open, every {@code outreach.inbox.model-interval},
 * away from the IMAP poller. Each reply is claimed in its row, so instances share the work
 * without a lock; a claim by an instance that died is taken over after {@code model-claim}. Labels
 * the model has not given within {@code announce-within} are announced with the rules' meanwhile.
 */
@Component
class ModelLabelling {

    private final ReplyIntents intents;
    private final ReplyIntentModel model;
    private final JobRuns jobs;

    ModelLabelling(ReplyIntents intents, ReplyIntentModel model, JobRuns jobs) {
        this.intents = intents;
        this.model = model;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${outreach.inbox.model-interval:30s}", initialDelayString = "${outreach.inbox.model-interval:30s}")
    void scheduledRun() {
        if (model.enabled()) {
            jobs.run("reply-intent-model", () -> SystemActor.call(intents::labelOpenRepliesWithModel));
        }
    }

    /** Also without a model: replies left for it before its endpoint was removed are announced all the same. */
    @Scheduled(fixedDelayString = "${outreach.inbox.model-interval:30s}", initialDelayString = "${outreach.inbox.model-interval:30s}")
    void announceOverdue() {
        jobs.run("reply-label-announce", () -> SystemActor.call(intents::announceOverdue));
    }
}
