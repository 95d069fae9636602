-- The register of every certificate the test CAs issued (what the CRLs and the OCSP responder answer) and
-- 保険証利用登録. Cards stored before the register count as issued (revoked ones as revoked), and every card linked to
-- a person, except one issued unregistered, as registered for insurance use.
create table if not exists certificate (issuer text not null, serial text not null,
    revoked_at text, reason integer, primary key (issuer, serial));
create table if not exists insurance_use (serial text primary key, registered_at text not null);
insert or ignore into certificate select 'jpki', serial, case revoked when 1 then
    '2026-01-01T00:00:00Z' end, case revoked when 1 then 1 end from card;
insert or ignore into insurance_use select serial, '2026-01-01T00:00:00Z' from card
    where person_id is not null and kind <> 'unregistered';
