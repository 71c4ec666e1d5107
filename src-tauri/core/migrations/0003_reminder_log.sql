-- Reminder delivery: a reminder is claimed here (its key is unique) before it is shown, so a
-- restart or a second window never shows it twice; its planned and actual delivery times are
-- kept for the delivery check ("on time in the last 14 days").
CREATE TABLE reminder_log (
    key          TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    day          TEXT NOT NULL CHECK (length(day) = 10),
    slot         INTEGER NOT NULL,
    -- when it was planned to show, and when it was claimed and shown (RFC 3339, UTC)
    planned_at   TEXT NOT NULL,
    claimed_at   TEXT NOT NULL,
    delivered_at TEXT,
    -- how it went out: 'desktop', 'scheduled' (handed to the phone's scheduler), 'test'
    channel      TEXT NOT NULL,
    -- why showing it failed, when it did
    error        TEXT
);
CREATE INDEX reminder_log_by_day ON reminder_log(day);
