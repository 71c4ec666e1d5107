// The UI's one door to the app: the generated, typed commands, and error helpers.
import type { ApiError } from "./bindings";

export { commands } from "./bindings";

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** A message for a person from whatever a command rejected with. */
export function messageOf(e: unknown): string {
  // A failure of the system below (SQLite, a file) names its code for support; its own text
  // (`details`) went to the log.
  if (isApiError(e)) return e.details ? `${e.message} Support code: ${e.code}.` : e.message;
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  return "Something went wrong.";
}
