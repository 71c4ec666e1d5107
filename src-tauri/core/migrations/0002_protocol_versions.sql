-- Protocols. A course is one run of a protocol (8 weeks by default); editing a protocol adds a
-- version, so days already logged keep meaning what they meant. Versions are never changed.
CREATE TABLE courses (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE protocol_versions (
    id             INTEGER PRIMARY KEY,
    course_id      INTEGER NOT NULL REFERENCES courses(id),
    -- the first day (YYYY-MM-DD) this version governs; the latest version whose
    -- effective_from is on or before a day governs that day
    effective_from TEXT    NOT NULL CHECK (length(effective_from) = 10),
    created_at     TEXT    NOT NULL,
    -- the validated protocol (ProtocolSpec) as JSON
    spec           TEXT    NOT NULL
);
CREATE INDEX protocol_versions_in_force ON protocol_versions(effective_from, id);

CREATE TRIGGER protocol_versions_are_immutable_update BEFORE UPDATE ON protocol_versions
BEGIN
    SELECT RAISE(ABORT, 'protocol versions are immutable');
END;
CREATE TRIGGER protocol_versions_are_immutable_delete BEFORE DELETE ON protocol_versions
BEGIN
    SELECT RAISE(ABORT, 'protocol versions are immutable');
END;
