// Component tests run in jsdom, where the app's Rust side does not exist: they answer the IPC
// calls with fixtures and record what the UI sent. The real IPC is covered by the command tests
// (tauri::test) and the end-to-end tests (the real binary).
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

vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    return handler(cmd, args);
  },
}));
