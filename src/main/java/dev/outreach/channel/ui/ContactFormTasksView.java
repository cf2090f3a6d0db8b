package dev.outreach.channel.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.shared.ChannelType;
import jakarta.annotation.security.PermitAll;

/**
 * Contact forms a CAPTCHA keeps us from submitting, for operators to submit by hand, when the
 * contact-form channel's {@code captcha_to_operator} setting is on.
 */
@Route("tasks/contact-forms")
@PageTitle("Contact form tasks | Outreach Engine")
@Menu(order = 32, icon = "vaadin:clipboard-text", title = "Contact form tasks")
@PermitAll
public class ContactFormTasksView extends VerticalLayout {

    final ManualTaskGrid queue;
    final FormByHandPanel form = new FormByHandPanel();

    public ContactFormTasksView(ManualTaskService tasks) {
        addClassName("view");
        setSizeFull();
        queue = new ManualTaskGrid(tasks, ChannelType.CONTACT_FORM);
        queue.grid.asSingleSelect().addValueChangeListener(selected -> form.show(selected.getValue()));
        add(new H2("Contact form tasks"),
                new Paragraph("A CAPTCHA protects these forms. Open the page, paste the values below, solve the "
                        + "CAPTCHA and submit, then mark the task sent; skip or fail it with a note and the message "
                        + "moves on as its sequence says. A task left open past its due time counts as failed."),
                queue, form);
        setFlexGrow(1, queue);
    }
}
