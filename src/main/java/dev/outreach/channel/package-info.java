/** Channel configuration, the channel sender interface, rate limiting, and the senders: email, LinkedIn, contact form. */
package dev.outreach.channel;
