/** Leads: validation, de-duplication, grading, CSV import and export, and the lead views. */
package dev.outreach.lead;
