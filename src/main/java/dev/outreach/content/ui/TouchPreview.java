package dev.outreach.content.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H5;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.outreach.campaign.CampaignTouch;
import dev.outreach.content.MessageTemplate;
import dev.outreach.content.RenderedMessage;
import dev.outreach.content.TemplatePreview;
import dev.outreach.content.TemplateService;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadSort;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One touch as a chosen lead would get it, on each channel of its sequence: the template the touch
 * names, rendered by {@link TemplateService#preview}. Lead data reaches the page as text only.
 */
class TouchPreview extends Details {

    final ComboBox<LeadRow> lead = new ComboBox<>("Lead");
    final Button refresh = new Button("Show", new Icon(VaadinIcon.EYE));
    final Div rendered = new Div();

    private final transient TemplateService templates;
    private final transient Supplier<CampaignTouch> touch;

    TouchPreview(TemplateService templates, LeadService leads, Supplier<CampaignTouch> touch) {
        super("Preview for a lead");
        this.templates = templates;
        this.touch = touch;
        addClassName("touch-preview");
        lead.setWidth("24em");
        lead.setItemLabelGenerator(row -> row.name() + (row.company() == null ? "" : " · " + row.company()));
        lead.setItems(query -> leads.page(filter(query.getFilter().orElse(null)), LeadSort.CREATED, true,
                query.getOffset(), query.getLimit()).stream(), query -> leads.count(filter(query.getFilter().orElse(null))));
        lead.addValueChangeListener(change -> show());
        refresh.addClickListener(click -> show());
        HorizontalLayout chooser = new HorizontalLayout(lead, refresh);
        chooser.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        VerticalLayout content = new VerticalLayout(chooser, rendered);
        content.setPadding(false);
        add(content);
    }

    private static LeadFilter filter(String text) {
        return text == null || text.isBlank() ? LeadFilter.all() : LeadFilter.all().withText(text);
    }

    void show() {
        rendered.removeAll();
        if (lead.getValue() == null) {
            rendered.add(new Pre("Pick a lead to see the message it would get."));
            return;
        }
        Map<ChannelType, String> names = touch.get().templates();
        if (names.isEmpty()) {
            rendered.add(new Pre("This touch names no template yet."));
        }
        names.forEach((channel, name) -> {
            rendered.add(new H5(channel.label() + " · " + name));
            rendered.add(render(channel, name, lead.getValue().id()));
        });
    }

    private Div render(ChannelType channel, String name, long leadId) {
        Div block = new Div();
        Optional<MessageTemplate> template = templates.findAll().stream()
                .filter(t -> t.channel() == channel && t.name().equals(name)).findFirst();
        if (template.isEmpty()) {
            block.add(new Pre("No " + channel.label() + " template named " + name));
            return block;
        }
        try {
            TemplatePreview preview = templates.preview(template.get(), template.get().subject(), template.get().body(), leadId);
            RenderedMessage message = preview.message();
            String subject = message.subject() == null || message.subject().isEmpty() ? "" : "Subject: " + message.subject() + "\n\n";
            block.add(new Pre(subject + message.textBody()));
            if (!preview.warnings().isEmpty()) {
                UnorderedList warnings = new UnorderedList();
                preview.warnings().forEach(warning -> warnings.add(new ListItem(warning)));
                block.add(warnings);
            }
        } catch (InvalidInputException invalid) {
            block.add(new Pre("Cannot preview: " + String.join("; ", invalid.errors().stream().map(FieldError::message).toList())));
        }
        return block;
    }
}
