-- Doubt only where it is real. A claim no longer means "maybe sent": send_started_at is set,
-- durably, right before a sender's network call for the message (in the transaction that records
-- the previous call's outcome, or on its own for a sender's first message), and cleared with the
-- outcome. When a lease runs out, a message with the mark is in doubt (needs_review); one without
-- it goes back to PENDING. claim_token names the claim that holds a SENDING message, so a sender
-- that outlived its lease cannot mark or renew a message another claim has taken since.
alter table outreach_message add column send_started_at timestamp with time zone;
alter table outreach_message add column claim_token uuid;
