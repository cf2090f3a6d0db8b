/** Email events from outside: unsubscribe links (and, later, webhooks, tracking and IMAP polling). */
package dev.outreach.events;
