package dev.outreach.channel;

import java.time.Instant;

/**
 * Published when the contact-form channel found a lead's contact form on another page than the
 * one it had on record (a contact link followed from the home page): the lead module records
 * it as the lead's contact form URL, so that the next touch goes straight there.
 */
public record ContactFormFound(long leadId, String contactFormUrl, Instant foundAt) {
}
