package dev.outreach.content;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Writes a message with an OpenAI-compatible chat endpoint through LangChain4j, when
 * {@code outreach.llm.base-url} is set. Any error, timeout or empty answer is a
 * {@link GenerationFailedException}; the caller falls back to the template.
 */
@Component
class LlmWriter {

    private final LlmProperties properties;
    private final Optional<ChatModel> model;

    LlmWriter(LlmProperties properties) {
        this.properties = properties;
        this.model = properties.enabled() ? Optional.of(OpenAiChatModel.builder()
                .baseUrl(properties.baseUrl().strip())
                .apiKey(properties.apiKey().isBlank() ? "not-needed" : properties.apiKey())
                .modelName(properties.model())
                .timeout(properties.timeout())
                .maxRetries(properties.maxRetries())
                .temperature(properties.temperature())
                .build()) : Optional.empty();
    }

    boolean enabled() {
        return model.isPresent();
    }

    /** The model's answer, stripped; never empty. */
    String write(WritingPrompt prompt) {
        ChatModel chat = model.orElseThrow(() -> new GenerationFailedException("No LLM endpoint configured"));
        ChatResponse response;
        try {
            response = chat.chat(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()));
        } catch (RuntimeException failed) {
            throw new GenerationFailedException("LLM request to " + properties.baseUrl() + " failed: " + reason(failed));
        }
        String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new GenerationFailedException("LLM returned an empty message");
        }
        return text.strip();
    }

    private static String reason(Throwable failed) {
        Throwable root = failed;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
        if (root != failed && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    static class GenerationFailedException extends RuntimeException {
        GenerationFailedException(String message) {
            super(message);
        }
    }
}
