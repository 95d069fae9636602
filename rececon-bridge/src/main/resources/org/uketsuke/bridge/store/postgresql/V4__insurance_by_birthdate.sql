-- The staff console's consistency check looks a patient up by birth date on every visit it shows: an index, so its
-- cost follows the patients born that day, not the whole insurance table (issue #23, RececonStoreQueryPlanTest).
create index insurance_by_birthdate on insurance (birthdate);
