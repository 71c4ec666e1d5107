import "./test/ipc";
import { render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import { answer, calls } from "./test/ipc";
import { dayView, recoveryView, settings } from "./test/fixtures";
import type { RecoveryView } from "./lib/bindings";

const granted = { state: "granted", platform: "desktop", help: "Reminders are on." };
const noProblem = { days: 14, expected: 0, on_time: 0, late: 0, not_sent: 0, failed: 0, scheduled: 0, recent: [], problem: null, last_test: null };

/** The core as App and Today talk to it; `generation` is read at each poll. */
function serve(o: { recovery?: RecoveryView | null | Promise<never>; generation?: () => number } = {}) {
  answer((cmd) => {
    switch (cmd) {
      case "get_recovery":
        return o.recovery ?? null;
      case "get_record_generation":
        return (o.generation ?? (() => 1))();
      case "get_day":
        return dayView();
      case "get_settings":
        return settings();
      case "get_notification_permission":
        return granted;
      case "get_delivery_report":
        return noProblem;
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
}

const count = (cmd: string) => calls.filter((c) => c.cmd === cmd).length;

describe("App", () => {
  afterEach(() => vi.useRealTimers());

  it("shows nothing while it asks whether the record opened (no flash of Today)", async () => {
    serve({ recovery: new Promise<never>(() => {}) });
    const { container } = render(App);
    await new Promise((r) => setTimeout(r, 50));
    expect(count("get_recovery")).toBe(1);
    expect(container.textContent?.trim()).toBe("");
    expect(screen.queryByTestId("tab-today")).toBeNull();
    expect(count("get_day")).toBe(0);
    expect(count("get_record_generation")).toBe(0);
  });

  it("on a damaged record shows only the recovery screen, without tabs or polling", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00") });
    serve({ recovery: recoveryView() });
    render(App);
    await vi.waitFor(() => expect(screen.getByTestId("recovery-screen")).toBeTruthy());
    expect(screen.queryByTestId("tab-today")).toBeNull();
    expect(screen.queryByRole("navigation")).toBeNull();
    await vi.advanceTimersByTimeAsync(12_000);
    expect(count("get_day")).toBe(0);
    expect(count("get_record_generation")).toBe(0);
  });

  it("with the record open shows Today and the tabs", async () => {
    serve();
    render(App);
    expect(await screen.findByTestId("tab-today")).toBeTruthy();
    expect(await screen.findByTestId("dose-1")).toBeTruthy();
    expect(screen.queryByTestId("recovery-screen")).toBeNull();
  });
});

describe("App reloads the screen when the record changed elsewhere", () => {
  afterEach(() => vi.useRealTimers());

  it("Today loads its day again once the generation changes, and not before", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00") });
    let generation = 4;
    serve({ generation: () => generation });
    render(App);
    await vi.waitFor(() => expect(count("get_day")).toBe(1));
    await vi.waitFor(() => expect(count("get_record_generation")).toBe(1));
    // Polls with the same number change nothing.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(count("get_record_generation")).toBe(3);
    expect(count("get_day")).toBe(1);
    // A sync brought entries from another device.
    generation = 5;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(count("get_record_generation")).toBe(4);
    expect(count("get_day")).toBe(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(count("get_day")).toBe(2);
  });

  it("stops polling once unmounted", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00") });
    serve();
    const { unmount } = render(App);
    await vi.waitFor(() => expect(count("get_record_generation")).toBe(1));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(count("get_record_generation")).toBe(2);
    unmount();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(count("get_record_generation")).toBe(2);
  });
});
