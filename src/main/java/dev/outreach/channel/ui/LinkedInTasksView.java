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

/** LinkedIn messages for operators to send by hand, when the LinkedIn gateway is MANUAL. */
@Route("tasks/linkedin")
@PageTitle("LinkedIn tasks | Outreach Engine")
@Menu(order = 30, icon = "vaadin:tasks", title = "LinkedIn tasks")
@PermitAll
public class LinkedInTasksView extends VerticalLayout {

    final ManualTaskGrid queue;

    public LinkedInTasksView(ManualTaskService tasks) {
        addClassName("view");
        setSizeFull();
        queue = new ManualTaskGrid(tasks, ChannelType.LINKEDIN);
        add(new H2("LinkedIn tasks"),
                new Paragraph("Open the profile, paste the text as the connection note or the message, then mark "
                        + "the task. A task left open past its due time counts as failed."),
                queue);
        setFlexGrow(1, queue);
    }
}
