package dev.outreach.campaign;

import dev.outreach.shared.ChannelType;
import java.util.List;

/** A channel-fallback sequence: its steps in order, each a channel with its template and retries. */
public record SequenceConfig(long id, String name, List<Step> steps) {

    /** One step: the channel to try, its template, how often to retry it and after how long. */
    public record Step(int order, ChannelType channel, String messageTemplate, int maxRetries, int retryDelayHours) {
    }
}
