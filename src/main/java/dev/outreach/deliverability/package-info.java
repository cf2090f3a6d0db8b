/** Mailboxes, sending domains, warm-up, reputation, health maps, mailbox selection and the suppression list. */
package dev.outreach.deliverability;
