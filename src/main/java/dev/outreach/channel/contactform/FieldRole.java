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
    /** A decoy a person never sees ({@link Honeypots}): it keeps its own value, usually empty. */
    HONEYPOT,
    /** A box accepting the site's privacy policy or terms: the one box that may be ticked when required. */
    PRIVACY_CONSENT,
    /** A box opting in to marketing, a newsletter or SMS: never ticked. */
    MARKETING_CONSENT,
    /** Anything else: submitted with its default value, or the form is skipped if it is required. */
    OTHER;

    /** How an operator reads it: "first name", "honeypot". */
    String words() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
