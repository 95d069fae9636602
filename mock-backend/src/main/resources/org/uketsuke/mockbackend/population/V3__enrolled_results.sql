-- People enrolled whole rather than generated from the seed (BackendControl.enrol): their qualification with every
-- block and particular, kept as the result message the codec writes for it, beside their row in person.
create table if not exists enrolled_result (person_id integer primary key, result blob not null);
