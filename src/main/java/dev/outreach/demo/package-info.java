/** Demo data for the embedded mode: a campaign, sending mailboxes and realistic home-services leads. */
package dev.outreach.demo;
