import "../test/ipc";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import Settings from "./Settings.svelte";
import { answer, calls } from "../test/ipc";
import { lockStatus, recordStatus, settings } from "../test/fixtures";
import type { LockStatus, Settings as SettingsView } from "../lib/bindings";

/** The shell Settings talks to, with the lock `lock`; update_settings answers what it was sent. */
function shell(lock: LockStatus) {
  answer((cmd, args) => {
    switch (cmd) {
      case "get_settings":
        return settings();
      case "update_settings":
        return args?.input;
      case "get_lock_status":
        return lock;
      case "get_delivery_report":
        return { days: 14, expected: 0, on_time: 0, late: 0, not_sent: 0, failed: 0, scheduled: 0, recent: [], problem: null, last_test: null };
      case "get_notification_permission":
        return { state: "granted", platform: "desktop", help: "Reminders are on." };
      case "get_autostart":
        return { available: false, enabled: false, offered: true };
      case "get_record_status":
        return recordStatus();
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
}

describe("Settings: private reminder text", () => {
  it("is a reminder setting saved with the others", async () => {
    shell(lockStatus());
    render(Settings, {});
    const box = (await screen.findByTestId("private-text")) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.disabled).toBe(false);
    expect(screen.getByLabelText("Private reminder text")).toBe(box);
    await fireEvent.click(box);
    await fireEvent.click(screen.getByTestId("save-settings"));
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === "update_settings")).toBe(true));
    const sent = calls.find((c) => c.cmd === "update_settings")?.args?.input as SettingsView;
    expect(sent.reminders.private_text).toBe(true);
    expect(sent.reminders.separation_reminders).toBe(true);
  });

  it("shows checked and cannot be changed while the app lock is on", async () => {
    shell(lockStatus({ enabled: true }));
    render(Settings, {});
    await screen.findByText("Lock now");
    const box = screen.getByTestId("private-text") as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.disabled).toBe(true);
    expect(document.getElementById("private-text-what")?.textContent).toContain("On while the app lock is on.");
  });
});
