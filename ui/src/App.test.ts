import "./test/ipc";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import { refresh } from "./lib/refresh.svelte";
import { router } from "./lib/router.svelte";
import { answer, calls, type Handler } from "./test/ipc";
import { dayView, lockStatus, protocolView, recoveryView, settings, setupOptions } from "./test/fixtures";
import type { DayView, LockStatus, RecoveryView } from "./lib/bindings";
import { session } from "./lib/lock";

const granted = { state: "granted", platform: "desktop", help: "Reminders are on." };
const noProblem = { days: 14, expected: 0, on_time: 0, late: 0, not_sent: 0, failed: 0, scheduled: 0, recent: [], problem: null, last_test: null };

/** The core as App and Today talk to it; `generation` is read once at start; `more` answers
 * what another screen asks. */
function serve(
  o: {
    recovery?: RecoveryView | null | Promise<never>;
    generation?: () => number | Promise<number>;
    day?: DayView;
    more?: Handler;
    lock?: () => LockStatus;
  } = {},
) {
  answer((cmd, args) => {
    switch (cmd) {
      case "get_lock_status":
        return (o.lock ?? lockStatus)();
      case "get_recovery":
        return o.recovery ?? null;
      case "get_record_generation":
        return (o.generation ?? (() => 1))();
      case "get_day":
        return o.day ?? dayView();
      case "get_settings":
        return settings();
      case "get_notification_permission":
        return granted;
      case "get_delivery_report":
        return noProblem;
      default:
        if (o.more) return o.more(cmd, args);
        throw new Error(`unexpected ${cmd}`);
    }
  });
}

const count = (cmd: string) => calls.filter((c) => c.cmd === cmd).length;

describe("App", () => {
  it("drops Today's data asked for at start once another screen shows first: Today asks afresh later", async () => {
    serve({});
    router.go("/today");
    render(App);
    router.go("/about");
    await screen.findByTestId("tab-today");
    expect(count("get_day")).toBe(1);
    router.go("/today");
    await vi.waitFor(() => expect(count("get_day")).toBe(2));
    await new Promise((r) => setTimeout(r, 100));
    // The start-up questions were asked once, not again at each change of screen.
    expect(count("get_recovery")).toBe(1);
    expect(count("get_day")).toBe(2);
  });

  it("asks for Today's data at start, beside the recovery question, and Today uses that answer", async () => {
    serve({});
    render(App);
    await screen.findByTestId("tab-today");
    await vi.waitFor(() => expect(count("get_day")).toBeGreaterThan(0));
    const first = calls.findIndex((c) => c.cmd === "get_day");
    const recovery = calls.findIndex((c) => c.cmd === "get_recovery");
    expect(first).toBeLessThan(recovery);
    await new Promise((r) => setTimeout(r, 50));
    expect(count("get_day")).toBe(1);
  });

  afterEach(() => vi.useRealTimers());

  it("shows nothing while it asks whether the record opened (no flash of Today)", async () => {
    serve({ recovery: new Promise<never>(() => {}) });
    const { container } = render(App);
    await new Promise((r) => setTimeout(r, 50));
    expect(count("get_recovery")).toBe(1);
    expect(container.textContent?.trim()).toBe("");
    expect(screen.queryByTestId("tab-today")).toBeNull();
    // Today's data is asked for once at start (the first screen sooner), but nothing shows it.
    expect(count("get_day")).toBe(1);
    expect(screen.queryByTestId("welcome")).toBeNull();
    expect(count("get_record_generation")).toBe(0);
  });

  it("on a damaged record shows only the recovery screen, without tabs or reading the generation", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00") });
    serve({ recovery: recoveryView() });
    render(App);
    // The recovery screen is a chunk of its own, compiled on the spot in tests.
    await vi.waitFor(() => expect(screen.getByTestId("recovery-screen")).toBeTruthy(), { timeout: 5000 });
    expect(screen.queryByTestId("tab-today")).toBeNull();
    expect(screen.queryByRole("navigation")).toBeNull();
    await vi.advanceTimersByTimeAsync(12_000);
    // Only the day asked for at start, never again, and never shown.
    expect(count("get_day")).toBe(1);
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

  it("Today loads its day again on a record-changed event with a new generation, not with the same one", async () => {
    serve({ generation: () => 4 });
    render(App);
    await vi.waitFor(() => expect(count("get_day")).toBe(1));
    await vi.waitFor(() => expect(count("get_record_generation")).toBe(1));
    // The shell repeats the generation the screen already shows: nothing to load.
    await emit("record-changed", 4);
    await new Promise((r) => setTimeout(r, 50));
    expect(count("get_day")).toBe(1);
    // A sync brought entries from another device.
    await emit("record-changed", 5);
    await vi.waitFor(() => expect(count("get_day")).toBe(2));
    // The same event again (the generation did not move on) loads nothing more.
    await emit("record-changed", 5);
    await new Promise((r) => setTimeout(r, 50));
    expect(count("get_day")).toBe(2);
    // The generation is read once, at start: never polled.
    expect(count("get_record_generation")).toBe(1);
  });

  it("sets no timer to ask for changes: a minute with no change asks nothing", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00") });
    const intervals = vi.spyOn(globalThis, "setInterval");
    serve();
    render(App);
    await vi.waitFor(() => expect(count("get_day")).toBe(1));
    await vi.waitFor(() => expect(count("get_record_generation")).toBe(1));
    const asked = calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(count("get_record_generation")).toBe(1);
    expect(count("get_day")).toBe(1);
    expect(calls.length).toBe(asked);
    // No interval at all; the one timer is Today's single reload at the day view's refresh_at
    // (08:00 in the fixture).
    expect(intervals).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(1);
    intervals.mockRestore();
  });

  it("a change that arrives before the start's generation read still reloads", async () => {
    let release = (_g: number) => {};
    serve({ generation: () => new Promise<number>((r) => (release = r)) });
    render(App);
    await vi.waitFor(() => expect(count("get_record_generation")).toBe(1));
    await vi.waitFor(() => expect(count("get_day")).toBe(1));
    await emit("record-changed", 7);
    await vi.waitFor(() => expect(count("get_day")).toBe(2));
    // The read answers late with the same generation: the event was newer, nothing more loads.
    release(7);
    await new Promise((r) => setTimeout(r, 50));
    await emit("record-changed", 7);
    await new Promise((r) => setTimeout(r, 50));
    expect(count("get_day")).toBe(2);
  });

  it("stops listening once unmounted", async () => {
    serve({ generation: () => 1 });
    const { unmount } = render(App);
    await vi.waitFor(() => expect(count("get_day")).toBe(1));
    await vi.waitFor(() => expect(count("get_record_generation")).toBe(1));
    await emit("record-changed", 2);
    await vi.waitFor(() => expect(count("get_day")).toBe(2));
    unmount();
    const bumps = refresh.n;
    await new Promise((r) => setTimeout(r, 20));
    await emit("record-changed", 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(count("get_day")).toBe(2);
    expect(refresh.n).toBe(bumps);
  });
});

describe("App loads the other screens when they are first shown", () => {
  afterEach(() => {
    vi.doUnmock("./screens/About.svelte");
    router.go("/today");
  });

  // A screen's first import is compiled on the spot in tests: give it time on a busy machine.
  const loading = { timeout: 5000 };

  /** The Protocol screen's questions, on top of Today's. */
  const protocolScreen: Handler = (cmd) => {
    if (cmd === "get_protocol") return protocolView();
    if (cmd === "get_setup_options") return setupOptions();
    throw new Error(`unexpected ${cmd}`);
  };

  it("switching tabs shows each screen once its chunk has loaded, and Today again", async () => {
    serve({ more: protocolScreen });
    render(App);
    expect(await screen.findByTestId("dose-1")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("tab-protocol"));
    expect(await screen.findByTestId("protocol-summary", {}, loading)).toBeTruthy();
    expect(screen.getByTestId("tab-protocol").getAttribute("aria-current")).toBe("page");
    expect(screen.queryByTestId("dose-1")).toBeNull();
    await fireEvent.click(screen.getByTestId("tab-today"));
    expect(await screen.findByTestId("dose-1")).toBeTruthy();
    expect(screen.queryByTestId("protocol-summary")).toBeNull();
    // Back to a screen already loaded.
    await fireEvent.click(screen.getByTestId("tab-protocol"));
    expect(await screen.findByTestId("protocol-summary", {}, loading)).toBeTruthy();
  });

  it("a lazily loaded screen gets its route as before: Food the day in the address, and a new one, once each", async () => {
    const days: unknown[] = [];
    serve({
      more: (cmd, args) => {
        if (cmd !== "get_food_day") throw new Error(`unexpected ${cmd}`);
        days.push((args as { input: { day: string | null } }).input.day);
        throw { code: "test", message: "Not in this test.", field: null, details: null };
      },
    });
    render(App);
    expect(await screen.findByTestId("dose-1")).toBeTruthy();
    router.go("/food/2026-11-20");
    await vi.waitFor(() => expect(days).toEqual(["2026-11-20"]), loading);
    router.go("/food/2026-11-19");
    await vi.waitFor(() => expect(days).toEqual(["2026-11-20", "2026-11-19"]));
    await new Promise((r) => setTimeout(r, 50));
    expect(days).toEqual(["2026-11-20", "2026-11-19"]);
    expect(screen.getByTestId("tab-food").getAttribute("aria-current")).toBe("page");
  });

  it("on welcome.html, the drawn welcome stays until the app's own shows, in the same update", async () => {
    // What the first start's page holds before any script ran (scripts/first-run.ts).
    const first = Object.assign(document.createElement("main"), { id: "first" });
    first.innerHTML = "<section class=card><h1>Welcome to Magday</h1><button>Set up your protocol</button></section>";
    document.body.append(first);
    history.replaceState(null, "", "/welcome.html");
    let answerDay: (v: DayView) => void = () => {};
    const day = new Promise<DayView>((r) => (answerDay = r));
    answer((cmd) =>
      cmd === "get_day" ? day : cmd === "get_lock_status" ? lockStatus() : cmd === "get_recovery" ? null : cmd === "get_record_generation" ? 1 : cmd === "get_notification_permission" ? granted : cmd === "get_delivery_report" ? noProblem : settings(),
    );
    router.go("/today");
    render(App);
    await vi.waitFor(() => expect(count("get_recovery")).toBe(1));
    await new Promise((r) => setTimeout(r, 50));
    // Everything else answered, Today's data not yet: the drawn welcome is all there is.
    expect(document.getElementById("first")).toBe(first);
    expect(screen.queryByTestId("welcome")).toBeNull();
    expect(screen.queryByRole("navigation")).toBeNull();
    // Every check between two tasks finds exactly one welcome: the drawn one, or the app's.
    const seen: string[] = [];
    const watch = setInterval(() => {
      seen.push(`${document.getElementById("first") ? "drawn" : ""}${screen.queryByTestId("welcome") ? "app" : ""}`);
    }, 0);
    answerDay(dayView({ has_protocol: false, course: null }));
    expect(await screen.findByTestId("welcome")).toBeTruthy();
    clearInterval(watch);
    expect(seen.filter((x) => x !== "drawn" && x !== "app")).toEqual([]);
    expect(document.getElementById("first")).toBeNull();
    expect(screen.getByRole("navigation")).toBeTruthy();
    // A reload now loads the app's own page.
    expect(location.pathname).toBe("/");
  });

  it("on index.html there is nothing drawn to take over, and the address stays", async () => {
    history.replaceState(null, "", "/index.html");
    serve({ day: dayView({ has_protocol: false, course: null }) });
    router.go("/today");
    render(App);
    expect(await screen.findByTestId("welcome")).toBeTruthy();
    expect(location.pathname).toBe("/index.html");
  });

  it("on first start Today's welcome opens Setup, which loads without the tabs", async () => {
    serve({ day: dayView({ has_protocol: false, course: null }), more: protocolScreen });
    render(App);
    await fireEvent.click(await screen.findByTestId("start-setup"));
    expect((await screen.findByTestId("setup-step", {}, loading)).textContent).toContain("Step 1 of");
    expect(screen.queryByRole("navigation")).toBeNull();
    // First setup: nothing to edit, so the current protocol is not asked for.
    expect(count("get_setup_options")).toBe(1);
    expect(count("get_protocol")).toBe(0);
  });

  it("a screen whose chunk failed to load says so instead of showing nothing", async () => {
    vi.doMock("./screens/About.svelte", () => {
      throw new Error("Failed to fetch dynamically imported module");
    });
    serve();
    render(App);
    expect(await screen.findByTestId("dose-1")).toBeTruthy();
    router.go("/about");
    const shown = await screen.findByTestId("screen-load-error", {}, loading);
    // The import's own error follows (here vitest's wording for the failed mock).
    expect(shown.textContent).toContain("This screen could not be loaded: ");
    expect(shown.querySelector("[role=alert]")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reload Magday" })).toBeTruthy();
    // The tabs stay, so another screen can still be chosen.
    expect(screen.getByTestId("tab-today")).toBeTruthy();
  });
});

describe("App and the app lock", () => {
  let reload: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    reload = vi.spyOn(session, "reload").mockImplementation(() => {});
    Object.assign(session, { enabled: false, open: false });
  });
  afterEach(() => {
    reload.mockRestore();
    vi.useRealTimers();
  });

  const locked = () => lockStatus({ enabled: true, locked: true });
  const refused = { code: "locked", message: "Magday is locked: unlock it first.", field: null, details: null };

  it("while locked shows only the lock screen: no tabs, no Today, nothing read after the start", async () => {
    serve({ lock: locked });
    const { container } = render(App);
    expect(await screen.findByTestId("lock-screen")).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole("navigation")).toBeNull();
    expect(screen.queryByTestId("dose-1")).toBeNull();
    expect(container.querySelectorAll("main > *")).toHaveLength(1);
    expect(count("get_record_generation")).toBe(0);
    expect(document.activeElement).toBe(screen.getByLabelText("Passphrase"));
  });

  it("an app that locks while it shows starts afresh (dropping its data); one already locked does not", async () => {
    serve();
    render(App);
    expect(await screen.findByTestId("dose-1")).toBeTruthy();
    await emit("lock-changed", lockStatus({ enabled: true }));
    await new Promise((r) => setTimeout(r, 20));
    expect(reload).not.toHaveBeenCalled();
    await emit("lock-changed", locked());
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
  });

  it("on the lock screen, the shell saying it locked or unlocked starts nothing afresh (a new code may be showing)", async () => {
    serve({ lock: locked });
    render(App);
    await screen.findByTestId("lock-screen");
    await emit("lock-changed", locked());
    await emit("lock-changed", lockStatus({ enabled: true }));
    await new Promise((r) => setTimeout(r, 20));
    expect(reload).not.toHaveBeenCalled();
  });

  it("a command refused because the app locked meanwhile starts the page afresh once the shell confirms", async () => {
    serve({ lock: () => lockStatus({ enabled: true }), generation: () => 1 });
    render(App);
    expect(await screen.findByTestId("dose-1")).toBeTruthy();
    await vi.waitFor(() => expect(count("get_record_generation")).toBe(1));
    // Locked, and the event missed: the next command tells.
    answer((cmd) => {
      if (cmd === "get_lock_status") return locked();
      throw refused;
    });
    await emit("record-changed", 2);
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(calls.map((c) => c.cmd)).toEqual(["get_day", "get_lock_status"]);
  });

  it("with the lock on, input tells the shell the user is here, at most every 30 seconds", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00"), toFake: ["Date"] });
    serve({
      lock: () => lockStatus({ enabled: true }),
      more: (cmd) => {
        if (cmd === "note_activity") return true;
        throw new Error(`unexpected ${cmd}`);
      },
    });
    render(App);
    expect(await screen.findByTestId("dose-1")).toBeTruthy();
    await fireEvent.keyDown(window, { key: "a" });
    await fireEvent.pointerDown(document.body);
    expect(count("note_activity")).toBe(1);
    vi.setSystemTime(Date.now() + 29_000);
    await fireEvent.pointerDown(document.body);
    expect(count("note_activity")).toBe(1);
    vi.setSystemTime(Date.now() + 1_000);
    await fireEvent.keyDown(window, { key: "b" });
    expect(count("note_activity")).toBe(2);
  });

  it("with the lock off, input asks nothing; a refused note of activity brings the lock screen", async () => {
    serve();
    render(App);
    expect(await screen.findByTestId("dose-1")).toBeTruthy();
    await fireEvent.keyDown(window, { key: "a" });
    expect(count("note_activity")).toBe(0);
    // The lock was turned on in Settings (AppLock tells the session), then the app locked.
    session.enabled = true;
    answer((cmd) => {
      if (cmd === "get_lock_status") return locked();
      throw refused;
    });
    await fireEvent.keyDown(window, { key: "a" });
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(calls.map((c) => c.cmd)).toEqual(["note_activity", "get_lock_status"]);
  });
});
