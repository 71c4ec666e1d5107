// Component tests run in jsdom, where the app's Rust side does not exist: they answer the IPC
// calls with fixtures and record what the UI sent. The real IPC is covered by the command tests
// (tauri::test) and the end-to-end tests (the real binary).
import { mockIPC } from "@tauri-apps/api/mocks";
import { vi } from "vitest";

export type Handler = (cmd: string, args: Record<string, unknown> | undefined) => unknown;

export const calls: { cmd: string; args: Record<string, unknown> | undefined }[] = [];
let handler: Handler = () => {
  throw new Error("no handler");
};

export function answer(h: Handler) {
  calls.length = 0;
  handler = h;
}

// Events (`listen`, `emit` from @tauri-apps/api/event) go to Tauri's own mock, which keeps the
// listeners and calls them on `emit`: a test emits what the shell would, e.g.
// `await emit("record-changed", 5)`. Commands it is handed go to the test's handler too.
mockIPC(
  (cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> | undefined });
    return handler(cmd, args as Record<string, unknown> | undefined);
  },
  { shouldMockEvents: true },
);

vi.mock("@tauri-apps/api/core", async (importOriginal) => {
  const real = await importOriginal<typeof import("@tauri-apps/api/core")>();
  return {
    ...real,
    invoke: async (cmd: string, args?: Record<string, unknown>) => {
      // The event plugin's calls go on to the mock above.
      if (cmd.startsWith("plugin:event|")) return real.invoke(cmd, args);
      calls.push({ cmd, args });
      return handler(cmd, args);
    },
  };
});
