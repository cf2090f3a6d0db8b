package dev.outreach.channel.api;

import dev.outreach.channel.contactform.ContactFormPreview;
import dev.outreach.channel.contactform.ContactFormPreviewService;
import java.util.OptionalLong;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contact-form preview over REST: what the channel would submit at {@code url}, without
 * submitting. ADMIN and OPERATOR keys may call it (checked by the service); a missing, malformed
 * or internal URL is a 400 naming {@code url}.
 */
@RestController
@RequestMapping("/api/v1/contact-forms")
class ContactFormPreviewApiController {

    private final ContactFormPreviewService previews;

    ContactFormPreviewApiController(ContactFormPreviewService previews) {
        this.previews = previews;
    }

    /** {@code leadId} fills the message with that lead's values instead of a sample lead's. */
    @GetMapping("/preview")
    ContactFormPreview preview(@RequestParam(required = false) String url,
            @RequestParam(required = false) Long leadId) {
        return previews.preview(url, leadId == null ? OptionalLong.empty() : OptionalLong.of(leadId));
    }
}
