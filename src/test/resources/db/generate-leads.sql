-- Generates ${count} synthetic leads for plan tests and benchmarks (PostgreSQL).
-- Spread like real data: 5 industries, 4 grades, 7 statuses, creation times one second apart.
insert into lead (first_name, last_name, email, email_normalized, company, title, industry, city, state,
                  time_zone, grade, status, source, search_text, created_at, updated_at)
select 'First' || g, 'Last' || g, 'lead' || g || '@bench.example', 'lead' || g || '@bench.example',
       'Company ' || (g % 50000), (array['Owner','Office Manager','CEO','Estimator'])[1 + g % 4],
       (array['HVAC','Plumbing','Roofing','Electrical','Solar'])[1 + g % 5], 'Austin', 'TX', 'America/Chicago',
       (array['A','B','C','D'])[1 + (g / 7) % 4],
       (array['NEW','CONTACTED','ENGAGED','REPLIED','UNSUBSCRIBED','BOUNCED','DISQUALIFIED'])[1 + g % 7],
       'BENCH', 'first' || g || ' last' || g || ' company ' || (g % 50000) || ' lead' || g || '@bench.example',
       timestamp with time zone '2026-01-01 00:00:00+00' + g * interval '1 second', now()
from generate_series(1, ${count}) g;
analyze lead;
