package dev.outreach.channel.contactform;

import dev.outreach.shared.InvalidInputException;

/**
 * One contact-form touch: the lead's page and what to write into its form. The page URL is the
 * lead's contact form URL or, failing that, its website; without a scheme https is assumed.
 * Sender fields may be null; a form that requires a missing one is skipped.
 */
public record ContactFormRequest(
        String pageUrl,
        String senderName,
        String senderEmail,
        String senderPhone,
        String senderCompany,
        String subject,
        String message) {

    public ContactFormRequest {
        if (pageUrl == null || pageUrl.isBlank()) {
            throw new InvalidInputException("pageUrl", "a contact form URL or website is required");
        }
        if (message == null || message.isBlank()) {
            throw new InvalidInputException("message", "a message is required");
        }
    }
}
