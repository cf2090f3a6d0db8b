package dev.outreach.channel.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.channel.contactform.ContactFormPreview;
import dev.outreach.channel.contactform.ContactFormPreviewService;
import dev.outreach.channel.contactform.FieldVerdict;
import dev.outreach.channel.contactform.FormAnalysis;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the contact-form channel would do with a page, without submitting: the pages fetched,
 * the form chosen and why, each field's role and the value that would go out, the CAPTCHA and
 * js-rendered verdicts. Opened from the menu (paste a URL) or from a lead ({@code ?url=&lead=}).
 * Everything read from the page is set as text, never as HTML.
 */
@Route("contact-forms/preview")
@PageTitle("Contact form preview | Outreach Engine")
@Menu(order = 33, icon = "vaadin:search", title = "Contact form preview")
@PermitAll
public class ContactFormPreviewView extends VerticalLayout implements BeforeEnterObserver {

    private final transient ContactFormPreviewService previews;
    private OptionalLong lead = OptionalLong.empty();

    final TextField url = new TextField("Page URL");
    final Button preview = new Button("Preview", click -> run());
    final Span valuesOf = new Span();
    final Span verdict = new Span();
    final Span form = new Span();
    final Span captcha = new Span();
    final Span jsRendered = new Span();
    final UnorderedList pages = new UnorderedList();
    final Grid<FieldVerdict> fields = new Grid<>(FieldVerdict.class, false);
    final VerticalLayout result = new VerticalLayout();

    public ContactFormPreviewView(ContactFormPreviewService previews) {
        this.previews = previews;
        addClassName("view");
        setSizeFull();
        url.setPlaceholder("https://example.com/contact");
        url.setWidth("40em");
        url.setClearButtonVisible(true);
        url.addKeyPressListener(Key.ENTER, enter -> run());
        preview.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout ask = new HorizontalLayout(url, preview);
        ask.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        configureGrid();
        verdict.addClassName("preview-verdict");
        result.setPadding(false);
        result.add(valuesOf, new H3("Pages fetched"), pages, new H3("Verdict"), verdict, form, captcha, jsRendered,
                new H3("Fields"), fields);
        result.setVisible(false);
        add(new H2("Contact form preview"),
                new Paragraph("See what the contact-form channel would submit on a page, field by field, without "
                        + "submitting anything. The values are the channel's sender settings and its first touch, "
                        + "written for the lead you came from or for a sample lead."),
                ask, result);
    }

    private void configureGrid() {
        fields.addColumn(FieldVerdict::label).setHeader("Label").setKey("label").setAutoWidth(true);
        fields.addColumn(FieldVerdict::name).setHeader("Name").setKey("name").setAutoWidth(true);
        fields.addColumn(FieldVerdict::role).setHeader("Role").setKey("role").setAutoWidth(true);
        fields.addColumn(field -> field.sent() ? field.value() : "(not sent)").setHeader("Value that would go out")
                .setKey("value").setFlexGrow(1);
        fields.addColumn(FieldVerdict::rule).setHeader("Why").setKey("rule").setAutoWidth(true);
        fields.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        fields.setAllRowsVisible(true);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters();
        lead = parameters.getSingleParameter("lead").flatMap(ContactFormPreviewView::number)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        parameters.getSingleParameter("url").ifPresent(given -> {
            url.setValue(given);
            run();
        });
    }

    private static java.util.Optional<Long> number(String text) {
        try {
            return java.util.Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private void run() {
        url.setInvalid(false);
        try {
            show(previews.preview(url.getValue(), lead));
        } catch (InvalidInputException rejected) {
            result.setVisible(false);
            url.setErrorMessage(rejected.errors().stream().map(FieldError::message).findFirst().orElse("Not valid"));
            url.setInvalid(true);
        }
    }

    private void show(ContactFormPreview shown) {
        FormAnalysis analysis = shown.analysis();
        valuesOf.setText("Values: the channel's sender settings and the first touch written for "
                + shown.valuesOf() + ". Nothing was submitted.");
        pages.removeAll();
        shown.pagesFetched().forEach(page -> pages.add(new ListItem(page)));
        verdict.setText(analysis.ready()
                ? "Would submit: " + analysis.method() + " " + analysis.action() + " (" + analysis.encoding() + ")"
                : "Would skip: " + analysis.skipReason());
        form.setText(analysis.builder() == null ? "Form chosen: none (" + analysis.choice() + ")"
                : "Form chosen: " + analysis.builder() + ", " + analysis.choice());
        captcha.setText("CAPTCHA: " + (analysis.captcha() == null ? "none found" : analysis.captcha()));
        jsRendered.setText("Script-only form: " + (analysis.jsRendered() == null ? "no" : analysis.jsRendered()));
        fields.setItems(List.copyOf(analysis.fields()));
        result.setVisible(true);
    }
}
