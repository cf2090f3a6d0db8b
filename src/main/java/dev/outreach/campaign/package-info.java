/** Campaigns, channel-fallback sequences (SequenceConfig and steps) and engine settings (SalesEngineConfig). */
package dev.outreach.campaign;
