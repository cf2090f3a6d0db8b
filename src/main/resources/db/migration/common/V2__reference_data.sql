-- Reference data every installation starts with: engine settings, the channel defaults of
-- outreach-channels.md, and the default "Email -> LinkedIn -> Form" fallback sequence.

insert into sales_engine_config (id, updated_at, updated_by) values (1, current_timestamp, 'system');

insert into channel_config (channel, enabled, max_per_hour, max_per_day, max_per_lead, max_retries, retry_backoff_hours, templates, settings, updated_at, updated_by)
values
    ('EMAIL',        true,  100, 500, 3, 2, '24,48', '{"initial":"email-initial","follow_up":"email-follow-up","final":"email-final"}', '{"from_name":"Outreach Team"}', current_timestamp, 'system'),
    ('LINKEDIN',     true,   20, 100, 2, 1, '48',    '{"connection_request":"linkedin-connect","direct_message":"linkedin-dm"}',       '{"gateway":"MANUAL","weekly_invitation_cap":"100"}', current_timestamp, 'system'),
    ('CONTACT_FORM', true,   10,  50, 1, 1, '24',    '{"initial":"form-initial"}',                                                     '{}', current_timestamp, 'system'),
    ('PHONE',        false,  10,  40, 2, 1, '24',    '{"call":"phone-call"}',                                                          '{}', current_timestamp, 'system');

insert into sequence_config (name, description, is_default, created_at, updated_at)
values ('Email -> LinkedIn -> Form', 'Email first, LinkedIn when email is exhausted, the website contact form last.', true, current_timestamp, current_timestamp);

insert into sequence_step (sequence_id, step_order, channel, message_template, max_retries, retry_delay_hours)
select id, 1, 'EMAIL', 'email-initial', 2, 24 from sequence_config where name = 'Email -> LinkedIn -> Form';
insert into sequence_step (sequence_id, step_order, channel, message_template, max_retries, retry_delay_hours)
select id, 2, 'LINKEDIN', 'linkedin-connect', 1, 48 from sequence_config where name = 'Email -> LinkedIn -> Form';
insert into sequence_step (sequence_id, step_order, channel, message_template, max_retries, retry_delay_hours)
select id, 3, 'CONTACT_FORM', 'form-initial', 1, 24 from sequence_config where name = 'Email -> LinkedIn -> Form';
