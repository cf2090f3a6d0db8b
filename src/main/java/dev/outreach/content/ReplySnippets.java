package dev.outreach.content;

import dev.outreach.lead.LeadService;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Snippets a reply from the console may start from: the email templates whose message type starts
 * with {@code reply_} (admins add them under Templates like any template), rendered for the lead
 * as plain text, to be edited before sending.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class ReplySnippets {

    static final String TYPE_PREFIX = "reply_";

    private final TemplateStore store;
    private final TemplateService templates;
    private final LeadService leads;

    ReplySnippets(TemplateStore store, TemplateService templates, LeadService leads) {
        this.store = store;
        this.templates = templates;
        this.leads = leads;
    }

    /** The snippets, by name. */
    @Transactional(readOnly = true)
    public List<MessageTemplate> list() {
        return store.findAll().stream().filter(ReplySnippets::isSnippet)
                .sorted(Comparator.comparing(MessageTemplate::name)).toList();
    }

    /** The snippet's text for the lead (its variables filled in); an unknown snippet or lead names the field. */
    @Transactional(readOnly = true)
    public String render(long snippetId, long leadId) {
        MessageTemplate snippet = store.find(snippetId).filter(ReplySnippets::isSnippet)
                .orElseThrow(() -> new InvalidInputException("snippet", "No reply snippet with id " + snippetId));
        var lead = leads.find(leadId).orElseThrow(() -> new InvalidInputException("leadId", "No lead with id " + leadId));
        return templates.render(ChannelType.EMAIL, snippet.subject(), snippet.body(), lead.fields(),
                snippet.angle().orElse(Angle.INTRODUCTION), false).textBody();
    }

    private static boolean isSnippet(MessageTemplate template) {
        return template.channel() == ChannelType.EMAIL && template.messageType().startsWith(TYPE_PREFIX);
    }
}
