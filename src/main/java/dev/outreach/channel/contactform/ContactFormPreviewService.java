package dev.outreach.channel.contactform;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.FirstTouchWriter;
import dev.outreach.channel.UrlGuard;
import dev.outreach.channel.UrlRefusedException;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The operator's preview of a contact form: fetches the page as the channel would (through the
 * URL guard), reads it and fills it with the values a touch would carry, and submits nothing.
 * The values are the channel's sender identity ({@code from_*} settings) and the contact-form
 * template's first touch written for the given lead, or for a sample lead.
 */
@Service
public class ContactFormPreviewService {

    /** What goes into the message field when the channel has no template for a first touch. */
    static final String NO_TEMPLATE = "(the contact-form channel has no template for a first touch)";

    private final ContactFormOutreachService forms;
    private final ChannelConfigService channels;
    private final UrlGuard guard;
    private final ObjectProvider<FirstTouchWriter> writer;

    ContactFormPreviewService(ContactFormOutreachService forms, ChannelConfigService channels, UrlGuard guard,
            ObjectProvider<FirstTouchWriter> writer) {
        this.forms = forms;
        this.channels = channels;
        this.guard = guard;
        this.writer = writer;
    }

    /**
     * Previews the form at {@code url} filled for the lead, or for a sample lead when no lead is
     * given. A missing, malformed, non-web or internal URL is refused on field {@code url} before
     * anything is fetched.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ContactFormPreview preview(String url, OptionalLong leadId) {
        URI page = checked(url);
        Optional<FirstTouchWriter.Written> written = Optional.ofNullable(writer.getIfAvailable())
                .flatMap(w -> w.write(ChannelType.CONTACT_FORM, leadId));
        Map<String, String> sender = channels.senderSettings(ChannelType.CONTACT_FORM);
        String subject = written.map(w -> w.content().subject()).filter(s -> !s.isBlank()).orElse(null);
        String message = written.map(w -> w.content().textBody()).filter(s -> !s.isBlank()).orElse(NO_TEMPLATE);
        ContactFormRequest request = new ContactFormRequest(page.toString(), sender.get("from_name"),
                sender.get("from_email"), sender.get("from_phone"), sender.get("from_company"), subject, message);
        ContactFormOutreachService.Previewed previewed = forms.previewPages(request);
        return new ContactFormPreview(page.toString(), written.map(FirstTouchWriter.Written::writtenFor)
                .orElse(leadId.isPresent() ? "lead #" + leadId.getAsLong() : "a sample lead"), subject,
                previewed.pagesFetched(), previewed.analysis());
    }

    private URI checked(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url", "Give the URL of the page with the contact form");
        }
        URI page = ContactFormOutreachService.pageUri(url)
                .orElseThrow(() -> new InvalidInputException("url", "Not a valid URL: " + url.strip()));
        try {
            guard.check(page);
        } catch (UrlRefusedException e) {
            throw new InvalidInputException("url", "Refused: " + e.reason());
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new InvalidInputException("url", "The host of " + page + " does not resolve");
        }
        return page;
    }
}
