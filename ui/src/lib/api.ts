// The UI's one door to the app: the generated, typed commands, and error helpers.
import type { ApiError } from "./bindings";

export { commands } from "./bindings";

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** A message for a person from whatever a command rejected with. */
export function messageOf(e: unknown): string {
  if (isApiError(e)) return e.message;
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  return "Something went wrong.";
}
