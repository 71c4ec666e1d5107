-- Safety pauses span days: finding them reads the few events of one item across the whole log,
-- which this index makes a lookup instead of a scan of every event.
CREATE INDEX events_by_item ON events(item, id);
