package dev.outreach.outreach.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.outreach.outreach.OutreachAttempt;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/** The attempts of one message, one line each: when, channel, try number, status, reason. Text only. */
class AttemptList extends Div {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    AttemptList(List<OutreachAttempt> attempts) {
        addClassName("attempt-list");
        if (attempts.isEmpty()) {
            add(new Span("No attempt yet."));
            return;
        }
        UnorderedList list = new UnorderedList();
        for (OutreachAttempt attempt : attempts) {
            StringBuilder line = new StringBuilder()
                    .append(TIME.format(attempt.attemptedAt())).append(" · ").append(attempt.channel().label())
                    .append(" try ").append(attempt.attemptNumber()).append(" · ").append(attempt.status());
            if (attempt.error() != null) {
                line.append(" · ").append(attempt.error());
            }
            if (attempt.nextRetryAt() != null) {
                line.append(" · retry at ").append(TIME.format(attempt.nextRetryAt()));
            }
            ListItem item = new ListItem(line.toString());
            item.addClassName("attempt-" + attempt.status().name().toLowerCase(Locale.ROOT));
            list.add(item);
        }
        add(list);
    }
}
