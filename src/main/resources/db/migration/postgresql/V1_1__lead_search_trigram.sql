-- PostgreSQL only: trigram index so the leads grid's free-text filter (LIKE '%term%' over the
-- search_text column) stays fast on millions of rows. The extension lives in `public`, where
-- every schema of the database can use it, so the operator class is named with its schema.
create extension if not exists pg_trgm with schema public;
create index ix_lead_search_trgm on lead using gin (search_text public.gin_trgm_ops);
