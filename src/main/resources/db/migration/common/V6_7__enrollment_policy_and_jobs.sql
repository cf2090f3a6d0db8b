-- A campaign's enrollment policy (campaign module, CampaignEnrollmentPolicies): whether a lead
-- already running in another campaign (an enrollment COLD or ACTIVE there) may be enrolled too
-- (default: skipped), and the company rule: when one lead of a company replies, the company's
-- other enrollments in the campaign stop (OFF, EMAIL_DOMAIN or COMPANY_NAME).
alter table campaign add column allow_active_elsewhere boolean not null default false;
alter table campaign add column company_stop varchar(20) not null default 'OFF';
alter table campaign add constraint ck_campaign_company_stop check (company_stop in ('OFF', 'EMAIL_DOMAIN', 'COMPANY_NAME'));

-- "Add every lead matching the grid's filter" runs in the background, a chunk of leads per
-- transaction in lead id order (cadence module, EnrollmentJobs). The row is the job's progress and
-- its resumption point: after a crash it says how far it got (last_lead_id, the counts), and the
-- already-added chunks stay; running it again adds only the rest. heartbeat_at moves with every
-- chunk, so a job whose instance died is told from a running one without a restart hook.
create table enrollment_job (
    id                       uuid primary key,
    campaign_id              bigint not null references campaign (id) on delete cascade,
    filter_text              varchar(200),
    filter_status            varchar(20),
    filter_grade             varchar(1),
    filter_campaign_id       bigint,
    total                    bigint not null,
    done                     bigint not null default 0,
    added                    integer not null default 0,
    already_in               integer not null default 0,
    skipped_active_elsewhere integer not null default 0,
    skipped_unreachable      integer not null default 0,
    last_lead_id             bigint not null default 0,
    status                   varchar(20) not null,
    error                    varchar(1000),
    started_by               varchar(100),
    created_at               timestamp with time zone not null,
    heartbeat_at             timestamp with time zone not null,
    finished_at              timestamp with time zone
);
create index ix_enrollment_job_campaign on enrollment_job (campaign_id, created_at);
