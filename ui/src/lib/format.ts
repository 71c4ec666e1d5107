// Dates and times as the user reads them. Instants arrive as RFC 3339 strings already in the
// zone dose times follow, so their wall-clock part is shown as it is.

const dayFmt = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});
const shortFmt = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });

function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** "Saturday 21 November" for "2026-11-21". */
export function longDay(day: string): string {
  return dayFmt.format(utcDate(day));
}

/** "21 Nov". */
export function shortDay(day: string): string {
  return shortFmt.format(utcDate(day));
}

/** "HH:MM" of an RFC 3339 instant, as written in its own offset. */
export function clock(instant: string): string {
  return instant.slice(11, 16);
}

/** The day before or after "YYYY-MM-DD". */
export function addDays(day: string, n: number): string {
  const d = utcDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** "in 2 h 5 min", "in 5 min", "now", "25 min ago". */
export function relative(instant: string, now: string): string {
  const mins = Math.round((Date.parse(instant) - Date.parse(now)) / 60000);
  if (mins === 0) return "now";
  const abs = Math.abs(mins);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const text = h > 0 ? (m > 0 ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
  return mins > 0 ? `in ${text}` : `${text} ago`;
}

/** "100 mg", "12.5 mg". */
export function mg(v: number): string {
  return `${Math.abs(v - Math.round(v)) < 0.05 ? Math.round(v) : v.toFixed(1)} mg`;
}

/** "1 capsule", "1.5 units". */
export function units(n: number): string {
  return n === 1 ? "1 unit" : `${n} units`;
}

/** "86%" for 0.857; "–" when there is nothing to measure yet. */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? "–" : `${Math.round(x * 100)}%`;
}

/** A change with its sign, one decimal at most: "−2.5", "+1", "0". */
export function signed(n: number): string {
  const r = Math.round(n * 10) / 10;
  if (r === 0) return "0";
  const text = Number.isInteger(r) ? String(Math.abs(r)) : Math.abs(r).toFixed(1);
  return r < 0 ? `−${text}` : `+${text}`;
}

/** One decimal at most: "4.3", "4". */
export function oneDecimal(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Whole days from `from` to `to` ("YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDate(to).getTime() - utcDate(from).getTime()) / 86_400_000);
}

const weekdayFmt = new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: "UTC" });

/** "Mon". */
export function weekday(day: string): string {
  return weekdayFmt.format(utcDate(day));
}

const dateTimeFmt = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** An RFC 3339 instant as a date and time on this device's clock: "21 Nov 2026, 09:30". */
export function dateTime(instant: string): string {
  const t = Date.parse(instant);
  return Number.isNaN(t) ? instant : dateTimeFmt.format(new Date(t));
}

/** A file size: "12 KB", "3.4 MB" (1 KB = 1024 bytes; never "0 KB" for a file with bytes). */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes > 0 ? Math.max(1, Math.round(bytes / 1024)) : 0} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "1 entry", "5 entries": a count with its noun in the right number. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
