-- Joined municipalities (aangesloten gemeenten, Features/Municipalities): per edition, the municipalities the
-- programme office marked as joined. Types as in 0001: instants UTC text, ids lower-case GUID text.
-- municipality_code: a CBS code of db/seed/gemeenten.csv. joined_by: the staff key's id (staff_keys.id) that saved the list.
-- The list is replaced as a whole; a row that stays keeps its joined_at and joined_by.
CREATE TABLE joined_municipalities (
    year              INTEGER NOT NULL,
    municipality_code TEXT    NOT NULL,
    joined_at         TEXT    NOT NULL,
    joined_by         TEXT    NOT NULL,
    PRIMARY KEY (year, municipality_code)
);
