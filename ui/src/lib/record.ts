// Words for the record's backups, imports and syncs (Settings and the recovery screen).
import type { BackupInfo, MergeStats } from "./bindings";
import { count, dateTime, fileSize } from "./format";

/** "21 Nov 2026, 09:30 · Daily". */
export function backupTitle(b: BackupInfo): string {
  return `${dateTime(b.taken_at)} · ${b.reason_label}`;
}

/** "48 KB · 120 entries". */
export function backupSize(b: BackupInfo): string {
  return `${fileSize(b.bytes)} · ${count(b.events, "entry", "entries")}`;
}

/** What a merge added, "5 entries, 1 protocol version, 2 settings"; null when it added nothing. */
export function addedText(a: MergeStats): string | null {
  const parts: string[] = [];
  if (a.events > 0) parts.push(count(a.events, "entry", "entries"));
  if (a.versions > 0) parts.push(count(a.versions, "protocol version", "protocol versions"));
  if (a.courses > 0) parts.push(count(a.courses, "course", "courses"));
  if (a.settings > 0) parts.push(count(a.settings, "setting", "settings"));
  return parts.length > 0 ? parts.join(", ") : null;
}
