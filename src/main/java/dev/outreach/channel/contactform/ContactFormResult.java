package dev.outreach.channel.contactform;

import dev.outreach.shared.MessageStatus;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a contact-form touch did, to be stored with the attempt.
 *
 * @param status SENT, FAILED or SKIPPED
 * @param reason why, in words an operator understands
 * @param retryable whether trying again later could succeed (timeouts, 5xx); false for refused
 *     URLs, pages without a usable form, CAPTCHAs and rejected submissions
 * @param submittedTo the URL the form was submitted to, or null when nothing was submitted
 * @param method GET or POST, or null when nothing was submitted
 * @param fields the submitted fields in form order (repeated names joined with ", "), empty when
 *     nothing was submitted
 * @param httpStatus the status of the last response, or 0 when there was none
 * @param byHand for a form skipped because a CAPTCHA protects it: what an operator would fill in
 *     by hand; empty otherwise
 */
public record ContactFormResult(
        MessageStatus status,
        String reason,
        boolean retryable,
        URI submittedTo,
        String method,
        Map<String, String> fields,
        int httpStatus,
        Optional<FormByHand> byHand) {

    public ContactFormResult {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    ContactFormResult(MessageStatus status, String reason, boolean retryable, URI submittedTo, String method,
            Map<String, String> fields, int httpStatus) {
        this(status, reason, retryable, submittedTo, method, fields, httpStatus, Optional.empty());
    }

    /** Skipped because a CAPTCHA protects the form, with what a person would submit. */
    static ContactFormResult captcha(String reason, FormByHand byHand) {
        return new ContactFormResult(MessageStatus.SKIPPED, reason, false, null, null, Map.of(), 0,
                Optional.of(byHand));
    }

    static ContactFormResult skipped(String reason) {
        return new ContactFormResult(MessageStatus.SKIPPED, reason, false, null, null, Map.of(), 0);
    }

    static ContactFormResult failed(String reason, boolean retryable, int httpStatus) {
        return new ContactFormResult(MessageStatus.FAILED, reason, retryable, null, null, Map.of(), httpStatus);
    }

    /** A result after the form was submitted: what went out is kept whatever the outcome. */
    static ContactFormResult submitted(MessageStatus status, String reason, boolean retryable, FormSubmission submission,
            int httpStatus) {
        return new ContactFormResult(status, reason, retryable, submission.action(), submission.method(),
                submission.fieldMap(), httpStatus);
    }
}
