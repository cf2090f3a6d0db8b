package dev.outreach.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.inbox.AutomaticAction;
import dev.outreach.inbox.AutomationRule;
import dev.outreach.inbox.InboxAutomation;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Admins choose what the inbox does on its own when a reply gets a label from the rules or the
 * model: one action per label, on or off. Each change is audited.
 */
@Route("inbox/automation")
@PageTitle("Inbox automation | Outreach Engine")
@Menu(order = 93, icon = "vaadin:automation", title = "Inbox automation")
@RolesAllowed(Role.ADMIN_NAME)
public class InboxAutomationView extends VerticalLayout {

    private final transient InboxAutomation automation;
    final Map<IntentLabel, Select<AutomaticAction>> actions = new EnumMap<>(IntentLabel.class);
    final Map<IntentLabel, Checkbox> enabled = new EnumMap<>(IntentLabel.class);
    final Button save = new Button("Save");
    private final Div rules = new Div();

    public InboxAutomationView(InboxAutomation automation) {
        this.automation = automation;
        addClassName("view");
        rules.addClassName("detail-grid");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        add(new H2("Inbox automation"), new Paragraph("What happens on its own when a reply gets its label from the rules "
                + "or the model, once per reply (never on a label left open, nor on a person's relabel). An out-of-office "
                + "snoozes the lead to the day after the return date it names; with no date, for the configured "
                + "out-of-office pause."), rules, save);
        load();
    }

    private void load() {
        rules.removeAll();
        for (AutomationRule rule : automation.rules()) {
            Select<AutomaticAction> action = new Select<>();
            action.setItems(AutomaticAction.values());
            action.setItemLabelGenerator(AutomaticAction::label);
            action.setValue(rule.action());
            action.setAriaLabel("Action for " + words(rule.label()));
            action.setWidth("28rem");
            Checkbox on = new Checkbox("On", rule.enabled());
            actions.put(rule.label(), action);
            enabled.put(rule.label(), on);
            Span term = new Span(words(rule.label()));
            term.addClassName("term");
            rules.add(term, new Div(action, on));
        }
    }

    private void save() {
        int changed = 0;
        for (AutomationRule rule : automation.rules()) {
            AutomaticAction action = actions.get(rule.label()).getValue();
            boolean on = enabled.get(rule.label()).getValue();
            if (action != rule.action() || on != rule.enabled()) {
                automation.update(rule.label(), action, on);
                changed++;
            }
        }
        Notification.show(changed == 0 ? "Nothing changed" : changed + (changed == 1 ? " rule saved" : " rules saved"))
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    static String words(IntentLabel label) {
        String text = label.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
