/** Outgoing signed webhooks: endpoints admins register, deliveries with retries, and their log. */
package dev.outreach.integration;
