package dev.outreach.content;

import java.util.List;

/**
 * A template rendered for one lead, with what the editor should know before saving: variables
 * the template uses that do not exist, and variables this lead has no value for (both render as
 * nothing).
 */
public record TemplatePreview(RenderedMessage message, List<String> warnings) {
}
