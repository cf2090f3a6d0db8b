/**
 * Cadence: a lead's progress through its touches (enrollment), the sequencer tick that writes
 * due touches to the outbox, adaptive follow-up timing, the engagement gate on the final touch,
 * send windows, and the re-contact worker.
 */
package dev.outreach.cadence;
