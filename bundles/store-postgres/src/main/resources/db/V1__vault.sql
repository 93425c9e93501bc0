-- The vault of a team. Only names are in the clear; every record, and the facts that list a
-- connection (state, attributes, expiry), are sealed with the team's data key (AES-256-GCM bound
-- to the record's identity). The data key itself is kept wrapped for each member's public key.
create table team (
    id boolean primary key default true check (id),
    current_kid text not null,
    created_at timestamptz not null default now()
);

create table members (
    name text primary key,
    public_key text not null unique,
    wrapped_key text not null,
    added_at timestamptz not null default now(),
    added_by text not null
);

create table profiles (
    name text primary key,
    created_at timestamptz not null default now()
);

insert into profiles (name) values ('default');

create table connections (
    profile text not null references profiles (name) on delete cascade,
    provider text not null,
    name text not null,
    is_default boolean not null default false,
    info text not null,
    record text not null,
    primary key (profile, provider, name)
);

create unique index connections_one_default on connections (profile, provider) where is_default;

create table clients (
    profile text not null references profiles (name) on delete cascade,
    provider text not null,
    client_key text not null,
    is_current boolean not null,
    record text not null,
    primary key (profile, provider, client_key)
);

create unique index clients_one_current on clients (profile, provider) where is_current;
