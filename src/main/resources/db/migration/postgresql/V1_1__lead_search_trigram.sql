-- PostgreSQL only: trigram index so the leads grid's free-text filter (ILIKE '%term%' over
-- the search_text column) stays fast on millions of rows.
create extension if not exists pg_trgm;
create index ix_lead_search_trgm on lead using gin (search_text gin_trgm_ops);
