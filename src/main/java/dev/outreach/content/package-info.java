/** Message templates, personalization, angle rotation per re-contact cycle and the optional LLM writer. */
package dev.outreach.content;
