// Today's data, asked for as the app starts (alongside the recovery question) rather than after
// the first screen mounts: one round trip less before the first usable screen. Today takes it
// once, for today's view; every later load asks the core as usual.
import { commands } from "./api";
import type { DayView } from "./bindings";

let first: Promise<DayView> | null = null;

/** Ask the core for today's view now; settles (never fails) once it is answered. */
export function prefetchToday(): Promise<unknown> {
  first = commands.getDay({ day: null });
  // A failure is Today's to show when it loads; nothing is lost by asking again.
  return first.catch(() => {});
}

/** The view asked for at start, once (null when none is pending). */
export function takeFirstDay(): Promise<DayView> | null {
  const p = first;
  first = null;
  return p;
}
