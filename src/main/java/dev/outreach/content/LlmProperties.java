package dev.outreach.content;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional LLM writer, under {@code outreach.llm}: an OpenAI-compatible endpoint. Empty
 * {@code baseUrl} (the default) means templates only. {@code baseUrl} includes the API version
 * ("https://api.openai.com/v1"); requests go to {@code baseUrl + /chat/completions}. No retries by
 * default: a failure falls back to the template at once and counts a generation failure.
 */
@ConfigurationProperties("outreach.llm")
public record LlmProperties(
        @DefaultValue("") String baseUrl,
        @DefaultValue("") String apiKey,
        @DefaultValue("gpt-4o-mini") String model,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("0") int maxRetries,
        @DefaultValue("0.7") double temperature) {

    public boolean enabled() {
        return baseUrl != null && !baseUrl.isBlank();
    }
}
