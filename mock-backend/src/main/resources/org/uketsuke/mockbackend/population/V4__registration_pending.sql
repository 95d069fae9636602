-- People whose new insurance the insurer has not registered yet (docs/spec-notes/failures.md#registration-lag): every
-- confirmation answers 資格情報なし until the registration reaches the system (BackendControl.reflectRegistration).
create table if not exists registration_pending (person_id integer primary key);
