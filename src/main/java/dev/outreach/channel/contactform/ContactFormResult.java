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
 * @param reason why, in words an operator understands; for a submission, what the site answered
 *     (its own sentence when it wrote one)
 * @param retryable whether trying again later could succeed (timeouts, 5xx); false for refused
 *     URLs, pages without a usable form, CAPTCHAs and rejected submissions
 * @param submittedTo the URL the form was submitted to, or null when nothing was submitted
 * @param method GET or POST, or null when nothing was submitted
 * @param fields the submitted fields in form order (repeated names joined with ", "), empty when
 *     nothing was submitted
 * @param httpStatus the status of the last response, or 0 when there was none
 * @param formPage the page the contact form was found on (the lead's page or a contact link
 *     followed from it), or null when none was found
 * @param unconfirmed for SENT: the site's answer showed neither a confirmation nor an error
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
        URI formPage,
        boolean unconfirmed,
        Optional<FormByHand> byHand) {

    public ContactFormResult {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Skipped because a CAPTCHA protects the form, with what a person would submit. */
    static ContactFormResult captcha(String reason, FormByHand byHand) {
        return new ContactFormResult(MessageStatus.SKIPPED, reason, false, null, null, Map.of(), 0, null, false,
                Optional.of(byHand));
    }

    static ContactFormResult skipped(String reason) {
        return new ContactFormResult(MessageStatus.SKIPPED, reason, false, null, null, Map.of(), 0, null, false, Optional.empty());
    }

    static ContactFormResult failed(String reason, boolean retryable, int httpStatus) {
        return new ContactFormResult(MessageStatus.FAILED, reason, retryable, null, null, Map.of(), httpStatus, null,
                false, Optional.empty());
    }

    /** A result after the form was submitted: what went out is kept whatever the outcome. */
    static ContactFormResult submitted(MessageStatus status, String reason, boolean retryable, FormSubmission submission,
            int httpStatus) {
        return new ContactFormResult(status, reason, retryable, submission.action(), submission.method(),
                submission.fieldMap(), httpStatus, null, false, Optional.empty());
    }

    /** SENT although the site did not confirm it. */
    static ContactFormResult sentUnconfirmed(String reason, FormSubmission submission, int httpStatus) {
        return new ContactFormResult(MessageStatus.SENT, reason, false, submission.action(), submission.method(),
                submission.fieldMap(), httpStatus, null, true, Optional.empty());
    }

    /** The same result, noting the page the form was found on. */
    ContactFormResult foundOn(URI page) {
        return new ContactFormResult(status, reason, retryable, submittedTo, method, fields, httpStatus, page,
                unconfirmed, byHand);
    }

    /** Whether the site may have received a message: a form went out and the failure, if any, is final. */
    boolean reachedTheSite() {
        return submittedTo != null && !(status == MessageStatus.FAILED && retryable);
    }
}
