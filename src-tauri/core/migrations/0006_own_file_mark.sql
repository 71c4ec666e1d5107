-- The mark of this device's own file in the sync folder (the store's change mark when the file
-- was last written) gets a table of its own. It was kept among the files merged from other
-- devices, under the made-up device "<device>#written", with the mark in the checksum column.
CREATE TABLE own_file_written (
    device TEXT PRIMARY KEY,
    mark TEXT NOT NULL,
    written_at TEXT NOT NULL
);

INSERT INTO own_file_written(device, mark, written_at)
SELECT substr(device, 1, length(device) - length('#written')), sha256, written_at
  FROM merged_files
 WHERE device LIKE '%#written';

DELETE FROM merged_files WHERE device LIKE '%#written';
