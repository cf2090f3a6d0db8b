-- When a reply's label was announced (inbox.ReplyLabelled, which the reply.received webhook carries):
-- once per reply, when its label is settled or the model's wait ran out. Replies labelled before
-- this version were announced without a label already.
alter table reply_intent add column announced_at timestamp with time zone;
update reply_intent set announced_at = classified_at;
-- the sweep of labels the model has not settled in time: unannounced rows by age
create index ix_reply_intent_unannounced on reply_intent (announced_at, classified_at);
