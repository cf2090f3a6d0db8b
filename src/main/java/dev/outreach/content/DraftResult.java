package dev.outreach.content;

import java.util.Optional;

/** What {@link ContentService#draft} gives back: a message to send, or a touch to skip with the reason. */
public sealed interface DraftResult {

    /** Who wrote a drafted message. */
    enum Source { TEMPLATE, LLM }

    /**
     * @param fallbackReason why the LLM writer was not used although configured (its error), empty otherwise
     */
    record Drafted(RenderedMessage message, Angle angle, Source source, String templateName,
            Optional<String> fallbackReason) implements DraftResult {
    }

    /** The touch must not go out; {@code reason} is what the message's SKIPPED status records. */
    record Skipped(String reason) implements DraftResult {
    }
}
