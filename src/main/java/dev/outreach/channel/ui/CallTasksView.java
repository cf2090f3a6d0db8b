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

/** Calls for operators to make, with the talking points, and their outcome. */
@Route("tasks/calls")
@PageTitle("Call tasks | Outreach Engine")
@Menu(order = 31, icon = "vaadin:phone", title = "Call tasks")
@PermitAll
public class CallTasksView extends VerticalLayout {

    final ManualTaskGrid queue;

    public CallTasksView(ManualTaskService tasks) {
        addClassName("view");
        setSizeFull();
        queue = new ManualTaskGrid(tasks, ChannelType.PHONE);
        add(new H2("Call tasks"),
                new Paragraph("Call the number with the talking points at hand, then record how it went: "
                        + "sent when you reached them, failed or skipped with a short note."),
                queue);
        setFlexGrow(1, queue);
    }
}
