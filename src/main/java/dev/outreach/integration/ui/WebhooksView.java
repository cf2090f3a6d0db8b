package dev.outreach.integration.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.TextRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.integration.WebhookAttempt;
import dev.outreach.integration.WebhookDelivery;
import dev.outreach.integration.WebhookEndpoint;
import dev.outreach.integration.WebhookEndpointDraft;
import dev.outreach.integration.WebhookEventType;
import dev.outreach.integration.WebhookService;
import dev.outreach.security.Role;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Admins register the endpoints that hear about what happens (signed HTTP POSTs), and read each
 * endpoint's delivery log: every try with its answer and latency, and "Resend".
 */
@Route("webhooks")
@PageTitle("Webhooks | Outreach Engine")
@Menu(order = 92, icon = "vaadin:connect", title = "Webhooks")
@RolesAllowed(Role.ADMIN_NAME)
public class WebhooksView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient WebhookService webhooks;
    final Grid<WebhookEndpoint> endpoints = new Grid<>(WebhookEndpoint.class, false);
    final Grid<WebhookDelivery> deliveries = new Grid<>(WebhookDelivery.class, false);
    final TextField name = new TextField("Name");
    final TextField url = new TextField("URL");
    final CheckboxGroup<WebhookEventType> eventTypes = new CheckboxGroup<>("Events");
    final PasswordField secret = new PasswordField("Signing secret");
    final Checkbox enabled = new Checkbox("Enabled", true);
    final Button save = new Button("Add endpoint");
    final Button clear = new Button("New");
    final Button delete = new Button("Delete");
    private final H3 logTitle = new H3("Delivery log");
    private WebhookEndpoint editing;

    public WebhooksView(WebhookService webhooks) {
        this.webhooks = webhooks;
        addClassName("view");
        setSizeFull();
        add(new H2("Webhooks"), new Paragraph("Each event is POSTed as JSON to the endpoints that take it, signed "
                + "in the X-Outreach-Signature header (t=<unix>,v1=<HMAC-SHA256 of \"t.body\">) with the endpoint's "
                + "secret, with its id in X-Outreach-Delivery; failed deliveries are retried for 24 hours."),
                createForm(), endpoints, logTitle, deliveries);
        configureEndpoints();
        configureDeliveries();
        refresh();
    }

    private VerticalLayout createForm() {
        url.setPlaceholder("https://crm.example.com/hooks/outreach");
        url.setWidth("32rem");
        secret.setHelperText("At least 16 characters; leave blank to keep the current one");
        eventTypes.setItems(webhooks.availableEventTypes());
        eventTypes.setItemLabelGenerator(WebhookEventType::wireName);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        clear.addClickListener(click -> edit(null));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(click -> deleteEditing());
        delete.setVisible(false);
        HorizontalLayout fields = new HorizontalLayout(name, url, secret, enabled);
        fields.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        VerticalLayout form = new VerticalLayout(fields, eventTypes, new HorizontalLayout(save, clear, delete));
        form.setPadding(false);
        return form;
    }

    private void configureEndpoints() {
        endpoints.setHeight("14rem");
        endpoints.addColumn(WebhookEndpoint::name).setHeader("Name").setAutoWidth(true);
        endpoints.addColumn(WebhookEndpoint::url).setHeader("URL").setFlexGrow(1);
        endpoints.addColumn(endpoint -> endpoint.eventTypes().stream().sorted().map(WebhookEventType::wireName)
                .collect(Collectors.joining(", "))).setHeader("Events").setFlexGrow(1);
        endpoints.addColumn(endpoint -> endpoint.enabled() ? "on" : "off").setHeader("Enabled").setAutoWidth(true);
        endpoints.asSingleSelect().addValueChangeListener(change -> edit(change.getValue()));
    }

    private void configureDeliveries() {
        deliveries.setSizeFull();
        deliveries.addColumn(delivery -> TIME.format(delivery.createdAt())).setHeader("Created").setAutoWidth(true);
        deliveries.addColumn(delivery -> delivery.eventType().wireName()).setHeader("Event").setAutoWidth(true);
        deliveries.addColumn(delivery -> delivery.status().name()).setHeader("Status").setAutoWidth(true);
        deliveries.addColumn(WebhookDelivery::attempts).setHeader("Tries").setAutoWidth(true);
        deliveries.addColumn(delivery -> delivery.lastResponseCode() == null ? "" : delivery.lastResponseCode().toString())
                .setHeader("Last answer").setAutoWidth(true);
        deliveries.addColumn(delivery -> delivery.lastError() == null ? "" : delivery.lastError()).setHeader("Error")
                .setFlexGrow(1);
        deliveries.addColumn(delivery -> delivery.status() == WebhookDelivery.Status.PENDING
                ? TIME.format(delivery.nextAttemptAt()) : "").setHeader("Next try").setAutoWidth(true);
        deliveries.addComponentColumn(delivery -> {
            Button resend = new Button("Resend", click -> resend(delivery));
            resend.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return resend;
        }).setAutoWidth(true);
        deliveries.setItemDetailsRenderer(new TextRenderer<>(delivery -> webhooks.attempts(delivery.id()).stream()
                .map(WebhooksView::describe).collect(Collectors.joining("; "))));
    }

    static String describe(WebhookAttempt attempt) {
        return "#" + attempt.attempt() + " " + TIME.format(attempt.attemptedAt()) + " " + attempt.outcome()
                + (attempt.responseCode() == null ? "" : " " + attempt.responseCode()) + " in "
                + attempt.latencyMillis() + " ms" + (attempt.error() == null ? "" : " (" + attempt.error() + ")");
    }

    private void edit(WebhookEndpoint endpoint) {
        editing = endpoint;
        name.setValue(endpoint == null ? "" : endpoint.name());
        url.setValue(endpoint == null ? "" : endpoint.url());
        eventTypes.setValue(endpoint == null ? java.util.Set.of() : endpoint.eventTypes());
        enabled.setValue(endpoint == null || endpoint.enabled());
        secret.clear();
        save.setText(endpoint == null ? "Add endpoint" : "Save");
        delete.setVisible(endpoint != null);
        clearErrors();
        showLog();
    }

    private void save() {
        WebhookEndpointDraft draft = new WebhookEndpointDraft(name.getValue(), url.getValue(), eventTypes.getValue(),
                secret.getValue(), enabled.getValue());
        try {
            WebhookEndpoint saved = editing == null ? webhooks.create(draft) : webhooks.update(editing.id(), draft);
            Notification.show("Endpoint " + saved.name() + " saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
            endpoints.select(endpoints.getListDataView().getItems().filter(e -> e.id() == saved.id()).findFirst()
                    .orElse(null));
        } catch (InvalidInputException rejected) {
            clearErrors();
            rejected.errors().forEach(this::showError);
        }
    }

    private void deleteEditing() {
        if (editing != null) {
            webhooks.delete(editing.id());
            Notification.show("Endpoint " + editing.name() + " deleted");
            refresh();
            edit(null);
        }
    }

    private void resend(WebhookDelivery delivery) {
        webhooks.resend(delivery.id());
        Notification.show("Delivery " + delivery.id() + " will be sent again").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        showLog();
    }

    private void showError(FieldError error) {
        switch (error.field()) {
            case "name" -> invalid(name, error.message());
            case "url" -> invalid(url, error.message());
            case "secret" -> {
                secret.setErrorMessage(error.message());
                secret.setInvalid(true);
            }
            default -> {
                eventTypes.setErrorMessage(error.message());
                eventTypes.setInvalid(true);
            }
        }
    }

    private static void invalid(TextField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private void clearErrors() {
        name.setInvalid(false);
        url.setInvalid(false);
        secret.setInvalid(false);
        eventTypes.setInvalid(false);
    }

    private void showLog() {
        if (editing == null) {
            logTitle.setText("Delivery log: choose an endpoint");
            deliveries.setItems(java.util.List.of());
        } else {
            logTitle.setText("Delivery log of " + editing.name());
            deliveries.setItems(webhooks.deliveries(editing.id(), 200));
        }
    }

    private void refresh() {
        endpoints.setItems(webhooks.endpoints());
    }
}
