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
