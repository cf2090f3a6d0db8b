-- Replies written in the console (outreach module, outreach.ConsoleReplies): an outreach message
-- of type console_reply that goes out only from the mailbox that sent the thread (pinned; the
-- mailbox cannot be deleted once it has sent, "set null" only keeps a foreign key from blocking),
-- threaded under the lead's mail: In-Reply-To is the answered mail's Message-ID, References the
-- thread's chain of Message-IDs, oldest first, separated by spaces.
alter table outreach_message add column pinned_mailbox_id bigint references mailbox (id) on delete set null;
alter table outreach_message add column in_reply_to varchar(300);
alter table outreach_message add column reference_ids varchar(2000);

-- Reply snippets (content module, content.ReplySnippets): email templates whose message type
-- starts with "reply_" are offered by the reply composer, rendered for the lead. Admins add more
-- under Templates; these two start the list.
insert into message_template (name, channel, message_type, angle, subject, body, updated_at, updated_by) values
('email-reply-meeting', 'EMAIL', 'reply_meeting', null,
 'Re: {{company}}',
 'Hi {{first_name}},

Thanks for getting back to me. Would Tuesday or Thursday afternoon work for a 15-minute call? Any other time that suits you is fine too.

Best,
{{sender_name}}', current_timestamp, 'system'),
('email-reply-details', 'EMAIL', 'reply_details', null,
 'Re: {{company}}',
 'Hi {{first_name}},

Happy to share more. In short: we help teams like {{company}} get more qualified conversations without adding headcount. I can send a one-page overview, or walk you through it in 15 minutes, whichever you prefer.

Best,
{{sender_name}}', current_timestamp, 'system');
