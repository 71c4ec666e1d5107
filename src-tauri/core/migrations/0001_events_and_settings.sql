-- Magday's first schema. A shipped migration is never edited: add a new numbered file instead.

-- What the user did, as an append-only log. Today's checklist, adherence, streaks, food totals and
-- symptom trends are all derived from it; nothing here is ever updated or deleted.
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    -- the local day (with the user's day start) the event belongs to: YYYY-MM-DD
    day              TEXT    NOT NULL CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- the instant it was recorded, RFC 3339 with the local UTC offset of the moment
    at               TEXT    NOT NULL,
    -- what it is about: 'dose:1', 'water', 'movement', 'food', 'symptom:cold_hands', 'day', ...
    item             TEXT    NOT NULL CHECK (length(item) BETWEEN 1 AND 64),
    -- what happened: 'done', 'undo', 'add', 'note', 'skip', 'snooze', 'log', ...
    action           TEXT    NOT NULL CHECK (length(action) BETWEEN 1 AND 32),
    -- a JSON value whose meaning depends on the action
    value            TEXT,
    -- the device that recorded it
    device           TEXT    NOT NULL,
    -- the protocol version in force for that day, when there was one
    protocol_version INTEGER,
    -- an earlier event this one corrects or withdraws
    corrects         INTEGER REFERENCES events(id)
);
CREATE INDEX events_by_day ON events(day, id);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- Preferences (day start, time-zone mode, reminder options...): one JSON value per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
