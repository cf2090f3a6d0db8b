package dev.outreach.events;

/** What an email event says happened, whatever its source (webhook, own tracking, IMAP, simulator). */
public enum EmailEventKind {
    DELIVERED, DEFERRED, OPENED, CLICKED, BOUNCED, DROPPED, COMPLAINED, UNSUBSCRIBED, REPLIED
}
