package dev.outreach.outreach;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages in doubt are resolved, under {@code outreach.dispatch.doubt}: the sent-folder
 * reconciler looks for an email in doubt in the sent folders of the mailboxes (over IMAP).
 *
 * @param reconcile whether this instance runs the reconciler (one instance at a time does, under its lock)
 * @param interval pause between two runs (and before the first)
 * @param sentFolderWait how long after the doubt began a message missing from every sent folder
 *        is taken as not sent: the time a server may take to file a submitted message
 * @param alwaysReview a message missing from the sent folders stays for a person to decide
 *        instead of being sent again (found messages are still confirmed)
 * @param imapTimeout connecting to an IMAP server, and each of its answers
 * @param batchSize messages in doubt looked for in one run
 */
@ConfigurationProperties("outreach.dispatch.doubt")
public record DoubtProperties(
        @DefaultValue("true") boolean reconcile,
        @DefaultValue("1m") Duration interval,
        @DefaultValue("15m") Duration sentFolderWait,
        @DefaultValue("false") boolean alwaysReview,
        @DefaultValue("30s") Duration imapTimeout,
        @DefaultValue("200") int batchSize) {

    public DoubtProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("outreach.dispatch.doubt.batch-size must be at least 1, was " + batchSize);
        }
        if (sentFolderWait.isNegative()) {
            throw new IllegalArgumentException("outreach.dispatch.doubt.sent-folder-wait cannot be negative, was "
                    + sentFolderWait);
        }
    }
}
