/** Outreach messages and attempts, the outbox dispatcher, the ChannelSequencer, the operator API, history and channel metrics. */
package dev.outreach.outreach;
