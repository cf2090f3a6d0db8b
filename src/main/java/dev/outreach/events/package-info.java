/**
 * Email events from outside and their one ingestion path: provider webhooks and their verifiers,
 * open and click tracking, unsubscribe links, reply and bounce polling over IMAP, the sandbox
 * simulator.
 */
package dev.outreach.events;
