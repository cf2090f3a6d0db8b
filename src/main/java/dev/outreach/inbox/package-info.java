/** Replies and automatic answers as the inbox sees them: intent labels (rules, then an optional LLM, then people). */
package dev.outreach.inbox;
