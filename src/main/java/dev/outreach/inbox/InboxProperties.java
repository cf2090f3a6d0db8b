package dev.outreach.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The inbox, under {@code outreach.inbox}: how often the model is asked about the replies the
 * rules left open (only when {@code outreach.llm.base-url} is set), how many per run, and after how
 * long a claim by an instance that died is taken over; how long a reply left for the model waits
 * for its label before it is announced with the rules' ({@link ReplyLabelled}, the
 * {@code reply.received} webhook).
 */
@ConfigurationProperties("outreach.inbox")
public record InboxProperties(
        @DefaultValue("30s") Duration modelInterval,
        @DefaultValue("20") int modelBatch,
        @DefaultValue("5m") Duration modelClaim,
        @DefaultValue("10m") Duration announceWithin) {
}
