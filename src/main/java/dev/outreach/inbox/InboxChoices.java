package dev.outreach.inbox;

import java.util.List;

/** What the inbox filters offer: campaigns, mailboxes and the users a lead can be assigned to. */
public record InboxChoices(List<Choice> campaigns, List<Choice> mailboxes, List<String> users) {

    public record Choice(long id, String name) {
    }
}
