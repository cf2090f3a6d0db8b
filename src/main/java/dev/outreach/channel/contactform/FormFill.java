package dev.outreach.channel.contactform;

import java.util.List;

/**
 * The outcome of filling a contact form from a request: ready to submit, or a field we cannot
 * fill. Both carry a verdict for every control looked at, for the operator's preview.
 */
sealed interface FormFill {

    List<FieldVerdict> verdicts();

    record Ready(FormSubmission submission, List<FieldVerdict> verdicts) implements FormFill {

        public Ready {
            verdicts = List.copyOf(verdicts);
        }
    }

    record Unfillable(String reason, List<FieldVerdict> verdicts) implements FormFill {

        public Unfillable {
            verdicts = List.copyOf(verdicts);
        }

        Unfillable(String reason) {
            this(reason, List.of());
        }
    }
}
