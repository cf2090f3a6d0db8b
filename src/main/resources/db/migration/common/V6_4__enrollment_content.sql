-- What the content module remembers per enrollment, in a table only the content module writes
-- (the cadence module owns enrollment): the angles the lead has seen ("cycle:angle" entries, see
-- AnglesUsed) and the failed generations of the current cycle. failures_cycle is the re-contact
-- cycle the count belongs to: a failure in a later cycle starts the count again, which is what the
-- re-contact reset used to do by clearing enrollment.generation_failures.
create table enrollment_content (
    enrollment_id       bigint primary key references enrollment (id) on delete cascade,
    angles_used         varchar(100) not null default '',
    failures_cycle      integer not null default 0,
    generation_failures integer not null default 0
);

insert into enrollment_content (enrollment_id, angles_used, failures_cycle, generation_failures)
select id, angles_used, re_contact_cycle, generation_failures from enrollment
where angles_used <> '' or generation_failures > 0;

alter table enrollment drop column angles_used;
alter table enrollment drop column generation_failures;
