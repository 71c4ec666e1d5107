// What the page knows of the app lock, and how a refusal because Magday locked meanwhile brings
// the lock screen. (The lock's commands and types are in bindings.ts.)
import { invoke } from "@tauri-apps/api/core";
import { commands, type ApiError } from "./bindings";

/**
 * Whether the lock is on (user input then counts as activity: App), and whether the app's data
 * shows (a command refused with `locked` then means the app locked meanwhile). `reload` starts
 * the page afresh, holding nothing: on the lock screen while locked, else the app.
 */
export const session = { enabled: false, open: false, reload: () => location.reload() };

/** `invoke`, where a command refused with `locked` while the app's data shows brings the lock
 * screen once the shell confirms it is locked (so a page that reloads never loops). */
export const guarded = (name: string, args: Record<string, unknown>) =>
  invoke(name, args).catch((e: ApiError | undefined) => {
    if (session.open && e?.code === "locked") {
      session.open = false;
      commands.getLockStatus().then(
        (s) => (s.locked ? session.reload() : (session.open = true)),
        () => {},
      );
    }
    throw e;
  });
