package dev.outreach.channel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.channel.task.ManualTaskType;
import dev.outreach.channel.task.ManualTaskView;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ManualTaskViewsTests extends KaribuTest {

    @Autowired
    ManualTaskService tasks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anOperatorMarksALinkedInTaskSentAndItLeavesTheQueue() {
        long id = task(ChannelType.LINKEDIN, ManualTaskType.CONNECTION_REQUEST, "Hi Jane, glad to connect.",
                "https://www.linkedin.com/in/jane-doe");
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LinkedInTasksView.class);
        ManualTaskGrid queue = _get(LinkedInTasksView.class).queue;
        int row = rowOf(queue, id);

        _click(_get(cell(queue, row, "actions"), Button.class, spec -> spec.withText("Mark sent")));

        assertThat(ids(queue)).doesNotContain(id);
        assertThat(Notifications.texts()).contains("Task marked sent");
        assertThat(jdbc.sql("select status, completed_by from manual_task where id = :id").param("id", id)
                .query((rs, n) -> rs.getString(1) + " by " + rs.getString(2)).single()).isEqualTo("SENT by olivia");
    }

    @Test
    void theProfileOpensInANewTabAndTheFullTextIsThereToCopy() {
        String text = "Hi Jane, we help plumbing companies fill the quiet weeks. " + "More words. ".repeat(20);
        long id = task(ChannelType.LINKEDIN, ManualTaskType.DIRECT_MESSAGE, text,
                "https://www.linkedin.com/in/jane-doe");
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LinkedInTasksView.class);
        ManualTaskGrid queue = _get(LinkedInTasksView.class).queue;
        int row = rowOf(queue, id);

        Anchor profile = (Anchor) cell(queue, row, "link");
        assertThat(profile.getHref()).isEqualTo("https://www.linkedin.com/in/jane-doe");
        assertThat(profile.getElement().getAttribute("target")).isEqualTo("_blank");
        assertThat(profile.getElement().getAttribute("rel")).contains("noopener");
        assertThat(GridKt._getFormatted(queue.grid, row, "text")).hasSizeLessThan(text.length()).endsWith("…");

        queue.grid.select(GridKt._get(queue.grid, row));

        assertThat(queue.fullText.getValue()).isEqualTo(text);
        assertThat(queue.fullText.isReadOnly()).isTrue();
    }

    @Test
    void aLinkThatIsNotWebOrPhoneIsShownAsTextOnly() {
        long id = task(ChannelType.LINKEDIN, ManualTaskType.CONNECTION_REQUEST, "Hi", "javascript:alert(1)");
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LinkedInTasksView.class);
        ManualTaskGrid queue = _get(LinkedInTasksView.class).queue;

        Component link = cell(queue, rowOf(queue, id), "link");

        assertThat(link).isInstanceOf(Span.class);
        assertThat(((Span) link).getText()).isEqualTo("javascript:alert(1)");
    }

    @Test
    void skippingACallAsksForANote() {
        long id = task(ChannelType.PHONE, ManualTaskType.CALL, "Ask about the spring backlog.", "tel:+15550104477");
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(CallTasksView.class);
        ManualTaskGrid queue = _get(CallTasksView.class).queue;
        int row = rowOf(queue, id);
        assertThat(((Anchor) cell(queue, row, "link")).getHref()).isEqualTo("tel:+15550104477");

        _click(_get(cell(queue, row, "actions"), Button.class, spec -> spec.withText("Skip")));
        NoteDialog dialog = _get(NoteDialog.class);
        _click(dialog.confirm);
        assertThat(dialog.note.isInvalid()).isTrue();
        assertThat(ids(queue)).contains(id);
        _setValue(dialog.note, "Number disconnected");
        _click(dialog.confirm);

        assertThat(ids(queue)).doesNotContain(id);
        assertThat(jdbc.sql("select status, outcome from manual_task where id = :id").param("id", id)
                .query((rs, n) -> rs.getString(1) + ": " + rs.getString(2)).single())
                .isEqualTo("SKIPPED: Number disconnected");
    }

    private long task(ChannelType channel, ManualTaskType type, String text, String link) {
        long leadId = jdbc.sql("select min(id) from lead").query(Long.class).single();
        return SystemActor.call(() -> tasks.create(null, leadId, channel, type, text, link));
    }

    private static List<Long> ids(ManualTaskGrid queue) {
        return GridKt._findAll(queue.grid).stream().map(ManualTaskView::id).toList();
    }

    private static int rowOf(ManualTaskGrid queue, long id) {
        int row = ids(queue).indexOf(id);
        assertThat(row).as("task %d in the queue", id).isNotNegative();
        return row;
    }

    private static Component cell(ManualTaskGrid queue, int row, String column) {
        return GridKt._getCellComponent(queue.grid, row, column);
    }
}
