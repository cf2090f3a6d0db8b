package dev.outreach.outreach.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.outreach.outreach.OutreachAttempt;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The attempts of one message, one line each: when, channel, try number, status (SENT
 * "unconfirmed" when the site did not confirm it), reason. A contact-form attempt also shows
 * what went out, and may offer to opt its site out. Text only.
 */
class AttemptList extends Div {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    AttemptList(List<OutreachAttempt> attempts) {
        this(attempts, null);
    }

    /** {@code optOutSite}: the action behind "Opt this site out" on contact-form attempts, null for none. */
    AttemptList(List<OutreachAttempt> attempts, Consumer<OutreachAttempt> optOutSite) {
        addClassName("attempt-list");
        if (attempts.isEmpty()) {
            add(new Span("No attempt yet."));
            return;
        }
        UnorderedList list = new UnorderedList();
        for (OutreachAttempt attempt : attempts) {
            list.add(item(attempt, optOutSite));
        }
        add(list);
    }

    private static ListItem item(OutreachAttempt attempt, Consumer<OutreachAttempt> optOutSite) {
        ListItem item = new ListItem(new Span(line(attempt)));
        item.addClassName("attempt-" + attempt.status().name().toLowerCase(Locale.ROOT));
        if (attempt.unconfirmed()) {
            item.addClassName("attempt-unconfirmed");
        }
        if (attempt.channel() != ChannelType.CONTACT_FORM) {
            return item;
        }
        if (attempt.details() != null) {
            Pre sent = new Pre(attempt.details());
            sent.addClassName("attempt-details");
            item.add(sent);
        }
        if (optOutSite != null && attempt.status() != MessageStatus.SKIPPED) {
            Button optOut = new Button("Site asked to stop: opt it out", click -> optOutSite.accept(attempt));
            optOut.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            item.add(optOut);
        }
        return item;
    }

    static String line(OutreachAttempt attempt) {
        StringBuilder line = new StringBuilder()
                .append(TIME.format(attempt.attemptedAt())).append(" · ").append(attempt.channel().label())
                .append(" try ").append(attempt.attemptNumber()).append(" · ").append(attempt.status());
        if (attempt.unconfirmed()) {
            line.append(" (unconfirmed: the site showed no confirmation)");
        }
        if (attempt.error() != null) {
            line.append(" · ").append(attempt.error());
        }
        if (attempt.nextRetryAt() != null) {
            line.append(" · retry at ").append(TIME.format(attempt.nextRetryAt()));
        }
        return line.toString();
    }
}
