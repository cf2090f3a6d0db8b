package dev.outreach.events;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one path every email event takes (webhooks, own tracking, IMAP, the sandbox simulator):
 * stores the event under its unique (provider, provider event id) and applies its effects in
 * the same transaction, so that a replayed event has no second effect.
 */
@Service
public class EmailEventIngestion {

    /** What became of an event. */
    public enum Outcome {
        /** stored and its effects applied */
        APPLIED,
        /** seen before (same provider and provider event id): nothing changed */
        DUPLICATE,
        /** stored, but it names no message of ours: no effect */
        ORPHAN
    }

    @Transactional
    public Outcome ingest(EmailEvent event) {
        return ingestAll(List.of(event)).get(0);
    }

    /** A batch (a webhook request) in one transaction; outcomes in the order of the events. */
    @Transactional
    public List<Outcome> ingestAll(List<EmailEvent> events) {
        throw new UnsupportedOperationException("implemented with the webhook work");
    }
}
