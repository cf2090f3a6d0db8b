-- The email channel was seeded with a from_name setting that nothing reads: the From name of an
-- email is its mailbox's display name (required on every mailbox). The seeded value is removed so
-- that the Channels screen does not offer a setting without effect; a value an admin typed stays.
update channel_config set settings = '{}' where channel = 'EMAIL' and settings = '{"from_name":"Outreach Team"}';
