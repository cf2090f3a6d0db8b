package dev.outreach.channel.contactform;

/** What a form control asks for, as far as the contact-form channel understands it. */
enum FieldRole {
    NAME,
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    PHONE,
    COMPANY,
    SUBJECT,
    MESSAGE,
    /** A hidden input: its value (often a token) is submitted unchanged. */
    HIDDEN,
    /** Anything else: submitted with its default value, or the form is skipped if it is required. */
    OTHER
}
