-- Contact forms: a submission the site did not confirm is SENT but "unconfirmed", counted apart.
alter table outreach_attempt add column unconfirmed boolean not null default false;

-- The last contact-form submission per site (registrable domain), for the one-per-site-per-period
-- limit across all leads of that site. Written by the channel module only.
create table contact_form_site (
    domain       varchar(253) primary key,
    submitted_at timestamp with time zone not null,
    lead_id      bigint,
    page_url     varchar(2000)
);

-- Sites that asked not to be contacted through their form (registrable domain).
create table contact_form_opt_out (
    domain   varchar(253) primary key,
    reason   varchar(500),
    added_by varchar(200),
    added_at timestamp with time zone not null
);
