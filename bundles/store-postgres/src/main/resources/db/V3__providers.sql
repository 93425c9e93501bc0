-- The custom provider definitions of the team (authsome register): registered once, known in
-- every home; sealed with the data key like every record.
create table custom_providers (
    name text primary key,
    definition text not null,
    updated_at timestamptz not null default now()
);
