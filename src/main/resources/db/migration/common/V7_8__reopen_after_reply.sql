-- When a person last put the lead back into its sequence after a reply (module lead owns the
-- column): a reply received at or before then no longer makes the lead REPLIED, so the reply's
-- effect, delivered late by the event publication registry (after a restart, or after the inbox's
-- automatic action ran first), cannot end the sequence it re-opened. A later reply still does.
alter table lead add column outreach_resumed_at timestamp with time zone;

-- "Not now" with a date: snooze until that date (none given: nothing), unless an admin already
-- chose an action for the label (module inbox owns the table).
update inbox_automation set action = 'SNOOZE_UNTIL_DATE', enabled = true, updated_at = current_timestamp
where label = 'NOT_NOW' and updated_by = 'system';
