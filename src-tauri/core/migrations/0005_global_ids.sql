-- Global identity (issue 11): every event, protocol version and course gets an id that is the
-- same on every device that holds it, "<device>:<seq>" with a per-device sequence, so records
-- from several devices merge by set union. Corrections and an event's protocol version refer to
-- those ids; settings carry when and where they were last written (last writer wins per key).
-- Every existing row keeps its values; rows written before this were all written by this
-- database's own device (the 'device' setting).

ALTER TABLE events ADD COLUMN seq INTEGER;
ALTER TABLE events ADD COLUMN gid TEXT;
ALTER TABLE events ADD COLUMN corrects_gid TEXT;
ALTER TABLE events ADD COLUMN version_gid TEXT;
ALTER TABLE courses ADD COLUMN device TEXT;
ALTER TABLE courses ADD COLUMN seq INTEGER;
ALTER TABLE courses ADD COLUMN gid TEXT;
ALTER TABLE protocol_versions ADD COLUMN device TEXT;
ALTER TABLE protocol_versions ADD COLUMN seq INTEGER;
ALTER TABLE protocol_versions ADD COLUMN gid TEXT;
ALTER TABLE protocol_versions ADD COLUMN course_gid TEXT;
ALTER TABLE settings ADD COLUMN updated_at TEXT;
ALTER TABLE settings ADD COLUMN updated_by TEXT;

-- The append-only and immutable triggers are lifted for the backfill only, and restored below.
DROP TRIGGER events_are_append_only_update;
DROP TRIGGER protocol_versions_are_immutable_update;

UPDATE events SET seq = id, gid = device || ':' || id;
UPDATE events SET corrects_gid = (SELECT c.gid FROM events c WHERE c.id = events.corrects)
 WHERE corrects IS NOT NULL;

UPDATE courses SET
    device = coalesce((SELECT json_extract(value, '$') FROM settings WHERE key = 'device'), 'unknown'),
    seq = id;
UPDATE courses SET gid = device || ':' || seq;

UPDATE protocol_versions SET
    device = coalesce((SELECT json_extract(value, '$') FROM settings WHERE key = 'device'), 'unknown'),
    seq = id,
    course_gid = (SELECT c.gid FROM courses c WHERE c.id = protocol_versions.course_id);
UPDATE protocol_versions SET gid = device || ':' || seq;

UPDATE events SET version_gid = (SELECT v.gid FROM protocol_versions v WHERE v.id = events.protocol_version)
 WHERE protocol_version IS NOT NULL;

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER protocol_versions_are_immutable_update BEFORE UPDATE ON protocol_versions
BEGIN
    SELECT RAISE(ABORT, 'protocol versions are immutable');
END;

CREATE UNIQUE INDEX events_by_gid ON events(gid);
CREATE UNIQUE INDEX events_by_device_seq ON events(device, seq);
CREATE UNIQUE INDEX courses_by_gid ON courses(gid);
CREATE UNIQUE INDEX protocol_versions_by_gid ON protocol_versions(gid);

-- What this database has merged from sync folders and imports: the file last merged from each
-- device (its checksum), so an unchanged file costs a comparison, not a merge.
CREATE TABLE merged_files (
    device     TEXT PRIMARY KEY,
    sha256     TEXT NOT NULL,
    written_at TEXT NOT NULL,
    merged_at  TEXT NOT NULL,
    events     INTEGER NOT NULL
);
CREATE UNIQUE INDEX courses_by_device_seq ON courses(device, seq);
CREATE UNIQUE INDEX protocol_versions_by_device_seq ON protocol_versions(device, seq);
