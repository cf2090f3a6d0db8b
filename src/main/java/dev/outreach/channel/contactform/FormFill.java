package dev.outreach.channel.contactform;

/** The outcome of filling a contact form from a request: ready to submit, or a field we cannot fill. */
sealed interface FormFill {

    record Ready(FormSubmission submission) implements FormFill {
    }

    record Unfillable(String reason) implements FormFill {
    }
}
