package dev.outreach.content;

/** A message ready to send: {@code subject} empty for channels without one, {@code htmlBody} null except for email. */
public record RenderedMessage(String subject, String textBody, String htmlBody) {
}
