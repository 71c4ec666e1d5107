// The UI's one door to the app: the generated, typed commands, and error helpers.
import type { ApiError } from "./bindings";

export { commands } from "./bindings";

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
