// The UI's one door to the app: the generated, typed commands, and error helpers.
//
// What the UI may compute itself: how to show what a view gives it (a date or a number in the
// user's locale, a count with its noun, the layout, which screen shows), and nothing a rule of
// the core decides. When a screen needs the outcome of a rule (a report's ready day, a
// backup's reason, the supply in words, the kinds of movement, a dose's status, the day's
// score), the core puts it in the view; the UI never copies the rule.
import { commandsWith, type ApiError } from "./bindings";
import { guarded } from "./lock";

/** Every command; one refused because Magday locked meanwhile brings the lock screen. */
export const commands = commandsWith(guarded);

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** The system's own words behind each message shown (ErrorBanner's "details" line), newest kept. */
const supportDetails = new Map<string, { code: string; details: string }>();

/** The code and the system's own text behind a message `messageOf` gave, if it had any. */
export function detailsOf(message: string): { code: string; details: string } | null {
  return supportDetails.get(message) ?? null;
}

/** A message for a person from whatever a command rejected with. */
export function messageOf(e: unknown): string {
  // A failure of the system below (SQLite, a file) names its code for support; its own text
  // (`details`) went to the log, and stays behind a "details" line where the message shows.
  if (isApiError(e) && e.details) {
    const message = `${e.message} Support code: ${e.code}.`;
    supportDetails.set(message, { code: e.code, details: e.details });
    if (supportDetails.size > 20) supportDetails.delete(supportDetails.keys().next().value ?? "");
    return message;
  }
  if (isApiError(e)) return e.message;
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  return "Something went wrong.";
}
