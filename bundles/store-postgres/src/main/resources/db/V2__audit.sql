-- The audit trail of every runtime that uses the store. Each event is the line its runtime
-- wrote to its own audit.log (no secret is ever in one), with where it came from.
create table audit_events (
    id bigserial primary key,
    at timestamptz not null,
    host text not null,
    runtime text not null,
    member text not null,
    event text not null,
    line jsonb not null
);

create index audit_events_at on audit_events (at);
