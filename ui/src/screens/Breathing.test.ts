import "../test/ipc";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import Breathing from "./Breathing.svelte";
import { answer, calls } from "../test/ipc";
import { breathingOptions, dayView } from "../test/fixtures";
import type { BreathingOptions, DayView } from "../lib/bindings";

/** Today as the core returns it after a session: breathing ticked with its minutes. */
function dayWithBreathing(minutes: number): DayView {
  const v = dayView();
  v.checklist.items.push({
    key: "breathing",
    label: "Breathing practice",
    kind: { type: "check" },
    done: true,
    count: 0,
    note: null,
    guidance: null,
    minutes,
    movement_kinds: [],
  });
  return v;
}

function serve(opts: BreathingOptions = breathingOptions(), onTap: (args: Record<string, unknown> | undefined) => unknown = () => dayWithBreathing(0)) {
  answer((cmd, args) => {
    if (cmd === "get_breathing_options") return opts;
    if (cmd === "tap") return onTap(args);
    throw { code: "unexpected", message: `unexpected command ${cmd}`, field: null };
  });
}

/** Let the session clock run (fake timers move performance.now with them), then let the DOM catch up. */
async function wait(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

async function open(opts?: BreathingOptions, onTap?: (args: Record<string, unknown> | undefined) => unknown) {
  serve(opts, onTap);
  render(Breathing);
  await wait(0);
  expect(screen.getByTestId("breathing-start")).toBeTruthy();
}

const id = (t: string) => screen.getByTestId(t);
const state = () => id("breathing-screen").getAttribute("data-state");
const phase = () => id("breathing-screen").getAttribute("data-phase");
const live = () => id("breathing-live").textContent;
const taps = () => calls.filter((c) => c.cmd === "tap");

async function startWith(minutes: number | null = null, warmth: string | null = null) {
  if (minutes !== null) await fireEvent.click(id(`breathing-minutes-${minutes}`));
  if (warmth !== null) await fireEvent.change(id("breathing-warmth-before"), { target: { value: warmth } });
  await fireEvent.click(id("breathing-start"));
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("Breathing", () => {
  it("preselects the template's pace and length from the options, with warmth unanswered", async () => {
    await open();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Guided breathing");
    expect((id("breathing-pattern-longer_exhale") as HTMLInputElement).checked).toBe(true);
    expect((id("breathing-pattern-even") as HTMLInputElement).checked).toBe(false);
    expect((id("breathing-minutes-5") as HTMLInputElement).checked).toBe(true);
    expect((id("breathing-minutes-3") as HTMLInputElement).checked).toBe(false);
    expect((id("breathing-warmth-before") as HTMLSelectElement).value).toBe("");
    expect(state()).toBe("setup");
    expect(id("breathing-hint").textContent).toContain("longer exhale");
    expect(id("breathing-source").textContent).toContain("Magday's seed guides");
    // Each pace is labelled with what it is.
    expect(screen.getByLabelText(/Slow and even/)).toBe(id("breathing-pattern-even"));
    expect(screen.getByLabelText("How warm are your hands now? (optional)")).toBe(id("breathing-warmth-before"));
  });

  it("another template's defaults are the ones selected", async () => {
    await open(breathingOptions({ default_pattern: "even", default_minutes: 10 }));
    expect((id("breathing-pattern-even") as HTMLInputElement).checked).toBe(true);
    expect((id("breathing-pattern-longer_exhale") as HTMLInputElement).checked).toBe(false);
    expect((id("breathing-minutes-10") as HTMLInputElement).checked).toBe(true);
  });

  it("alternates in and out at the pace's boundaries, and the live region changes only then", async () => {
    await open();
    const region = id("breathing-live");
    expect(region.getAttribute("aria-live")).toBe("polite");
    expect(document.querySelectorAll("[aria-live]").length).toBe(1);
    await startWith();
    expect(state()).toBe("running");
    expect(live()).toBe("Breathe in");

    let mutations = 0;
    const observer = new MutationObserver((records) => (mutations += records.length));
    observer.observe(region, { childList: true, characterData: true, subtree: true });

    // Longer exhale: in for 4 s, out for 6 s. Step 250 ms at a time and note every change.
    const changes: { at: number; cue: string | null; live: string | null; phase: string | null }[] = [];
    let last = live();
    for (let t = 250; t <= 24_000; t += 250) {
      await wait(250);
      if (live() !== last) {
        last = live();
        changes.push({ at: t, cue: id("breathing-cue").textContent, live: last, phase: phase() });
      }
      // The remaining time is never in a live region.
      expect(region.textContent).not.toMatch(/\d/);
    }
    observer.disconnect();
    expect(changes).toEqual([
      { at: 4000, cue: "Breathe out", live: "Breathe out", phase: "out" },
      { at: 10_000, cue: "Breathe in", live: "Breathe in", phase: "in" },
      { at: 14_000, cue: "Breathe out", live: "Breathe out", phase: "out" },
      { at: 20_000, cue: "Breathe in", live: "Breathe in", phase: "in" },
      { at: 24_000, cue: "Breathe out", live: "Breathe out", phase: "out" },
    ]);
    // The region was written exactly at those changes, never in between.
    expect(mutations).toBe(changes.length);
    expect(id("breathing-remaining").textContent).toBe("04:36");
    expect(id("breathing-remaining").closest("[aria-live]")).toBeNull();
  });

  it("the even pace changes at 5 s both ways", async () => {
    await open();
    await fireEvent.click(id("breathing-pattern-even"));
    await startWith();
    await wait(4999);
    expect(phase()).toBe("in");
    await wait(1);
    expect(phase()).toBe("out");
    expect(live()).toBe("Breathe out");
    await wait(4999);
    expect(phase()).toBe("out");
    await wait(1);
    expect(phase()).toBe("in");
  });

  it("pausing leaves the paused time out", async () => {
    await open();
    await startWith(3);
    await wait(30_000);
    expect(id("breathing-remaining").textContent).toBe("02:30");
    await fireEvent.click(id("breathing-pause"));
    expect(state()).toBe("paused");
    expect(live()).toBe("Paused");
    await wait(10 * 60_000);
    expect(id("breathing-remaining").textContent).toBe("02:30");
    expect(state()).toBe("paused");
    expect(live()).toBe("Paused");
    await fireEvent.click(id("breathing-resume"));
    expect(state()).toBe("running");
    // 31 s breathed: 1 s into the fourth breath in (30-34 s in, 34-40 s out).
    await wait(1000);
    expect(id("breathing-remaining").textContent).toBe("02:29");
    expect(phase()).toBe("in");
    await wait(148_999);
    expect(state()).toBe("running");
    await wait(1);
    expect(state()).toBe("finished");
    await fireEvent.click(id("breathing-save"));
    await wait(0);
    expect(taps().length).toBe(1);
    expect((taps()[0].args as { input: { tap: { session: { seconds: number } } } }).input.tap.session.seconds).toBe(180);
  });

  it("finishes by itself at 3 minutes and records one session with the warmth answers", async () => {
    await open(undefined, () => dayWithBreathing(3));
    await startWith(3, "4");
    await wait(179_999);
    expect(state()).toBe("running");
    expect(id("breathing-remaining").textContent).toBe("00:01");
    await wait(1);
    expect(state()).toBe("finished");
    expect(live()).toBe("Session finished");
    expect(screen.queryByTestId("breathing-pacer")).toBeNull();
    // Time going on after the end changes nothing.
    await wait(60_000);
    expect(state()).toBe("finished");
    expect(taps().length).toBe(0);
    expect((id("breathing-warmth-after") as HTMLSelectElement).value).toBe("");
    await fireEvent.change(id("breathing-warmth-after"), { target: { value: "7" } });
    await fireEvent.click(id("breathing-save"));
    await wait(0);
    expect(taps()).toEqual([
      {
        cmd: "tap",
        args: {
          input: {
            day: null,
            tap: {
              type: "breathe",
              session: { pattern: "longer_exhale", planned_minutes: 3, seconds: 180, warmth_before: 4, warmth_after: 7 },
            },
          },
        },
      },
    ]);
    expect(state()).toBe("saved");
    expect(id("breathing-done").textContent?.trim()).toBe("Recorded: 3 minutes of breathing. Breathing is ticked on Today.");
    expect(screen.getByRole("link", { name: "Back to Today" }).getAttribute("href")).toBe("#/today");
    expect(screen.queryByTestId("breathing-save")).toBeNull();
  });

  it("stopping at 30 s says it will not be recorded and sends nothing", async () => {
    await open();
    await startWith();
    await wait(30_000);
    await fireEvent.click(id("breathing-stop"));
    expect(id("breathing-too-short").textContent).toContain("Less than a minute: this session will not be recorded");
    expect(state()).toBe("paused");
    expect(screen.queryByTestId("breathing-save")).toBeNull();
    await wait(5 * 60_000);
    expect(state()).toBe("paused");
    await fireEvent.click(id("breathing-discard"));
    expect(state()).toBe("setup");
    expect(screen.queryByTestId("breathing-too-short")).toBeNull();
    expect(taps().length).toBe(0);
    expect(calls.map((c) => c.cmd)).toEqual(["get_breathing_options"]);
  });

  it("going on after the under-a-minute message keeps counting from where it stopped", async () => {
    await open();
    await startWith();
    await wait(30_000);
    await fireEvent.click(id("breathing-stop"));
    await wait(20_000); // the message is read: not breathing time
    await fireEvent.click(id("breathing-resume"));
    expect(state()).toBe("running");
    expect(screen.queryByTestId("breathing-too-short")).toBeNull();
    await wait(45_000);
    await fireEvent.click(id("breathing-stop"));
    expect(state()).toBe("finished");
    await fireEvent.click(id("breathing-save"));
    await wait(0);
    expect(taps().length).toBe(1);
    expect((taps()[0].args as { input: { tap: { session: { seconds: number } } } }).input.tap.session.seconds).toBe(75);
  });

  it("stopping at 75 s records 75 seconds, the warmth left unanswered", async () => {
    await open(undefined, () => dayWithBreathing(1));
    await startWith();
    await wait(75_400);
    await fireEvent.click(id("breathing-stop"));
    expect(state()).toBe("finished");
    expect(live()).toBe("Session stopped");
    expect(screen.queryByTestId("breathing-too-short")).toBeNull();
    expect(id("breathing-summary").textContent).toBe("You breathed for 1 minute and 15 seconds; it counts as 1 minute.");
    await fireEvent.click(id("breathing-save"));
    await wait(0);
    expect(taps().map((c) => c.args)).toEqual([
      {
        input: {
          day: null,
          tap: {
            type: "breathe",
            session: { pattern: "longer_exhale", planned_minutes: 5, seconds: 75, warmth_before: null, warmth_after: null },
          },
        },
      },
    ]);
    expect(id("breathing-done").textContent?.trim()).toBe("Recorded: 1 minute of breathing. Breathing is ticked on Today.");
  });

  it("a refusal from the core shows its message and keeps the session to save again", async () => {
    let refuse = true;
    await open(undefined, () => {
      if (refuse) throw { code: "out_of_range", message: "A session lasts 3, 5 or 10 minutes.", field: "planned_minutes" };
      return dayWithBreathing(5);
    });
    await startWith(null, "2");
    await wait(90_000);
    await fireEvent.click(id("breathing-stop"));
    await fireEvent.change(id("breathing-warmth-after"), { target: { value: "6" } });
    await fireEvent.click(id("breathing-save"));
    await wait(0);
    const alert = id("breathing-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toBe("A session lasts 3, 5 or 10 minutes.");
    expect(state()).toBe("finished");
    const save = id("breathing-save") as HTMLButtonElement;
    expect(save.disabled).toBe(false);
    expect((id("breathing-warmth-after") as HTMLSelectElement).value).toBe("6");
    refuse = false;
    await fireEvent.click(save);
    await wait(0);
    expect(taps().length).toBe(2);
    expect(taps()[1].args).toEqual(taps()[0].args);
    expect((taps()[1].args as { input: { tap: { session: unknown } } }).input.tap.session).toEqual({
      pattern: "longer_exhale",
      planned_minutes: 5,
      seconds: 90,
      warmth_before: 2,
      warmth_after: 6,
    });
    expect(screen.queryByTestId("breathing-error")).toBeNull();
    expect(id("breathing-done").textContent).toContain("Recorded: 5 minutes of breathing.");
  });

  it("the pacer grows over the in-breath and shrinks over the out-breath", async () => {
    await open();
    await startWith();
    const pacer = id("breathing-pacer");
    expect(pacer.getAttribute("data-motion")).toBe("full");
    expect(pacer.classList.contains("still")).toBe(false);
    expect(pacer.style.transform).toBe("scale(1)");
    expect(pacer.style.transition).toBe("transform 4.000s ease-in-out");
    await wait(4000);
    expect(pacer.style.transform).toBe("scale(0.5)");
    expect(pacer.style.transition).toBe("transform 6.000s ease-in-out");
  });

  it("with reduced motion the pacer keeps still and shows the phase without moving", async () => {
    vi.stubGlobal(
      "matchMedia",
      (q: string) =>
        ({
          matches: q.includes("prefers-reduced-motion: reduce"),
          media: q,
          addEventListener: () => {},
          removeEventListener: () => {},
        }) as unknown as MediaQueryList,
    );
    await open();
    await startWith();
    const pacer = id("breathing-pacer");
    expect(pacer.getAttribute("data-motion")).toBe("reduced");
    expect(pacer.classList.contains("still")).toBe(true);
    expect(pacer.style.transform).toBe("");
    expect(pacer.style.transition).toBe("");
    expect(pacer.classList.contains("in")).toBe(true);
    await wait(4000);
    expect(pacer.style.transform).toBe("");
    expect(pacer.classList.contains("out")).toBe(true);
    expect(id("breathing-cue").textContent).toBe("Breathe out");
  });

  it("keeps the screen awake while breathing and lets it sleep when paused or done", async () => {
    const release = vi.fn(async () => {});
    const request = vi.fn(async () => ({ release, addEventListener: () => {} }));
    vi.stubGlobal("navigator", { ...navigator, wakeLock: { request } });
    await open();
    await startWith(3);
    await wait(0);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith("screen");
    await fireEvent.click(id("breathing-pause"));
    expect(release).toHaveBeenCalledTimes(1);
    await fireEvent.click(id("breathing-resume"));
    await wait(0);
    expect(request).toHaveBeenCalledTimes(2);
    await wait(180_000);
    expect(state()).toBe("finished");
    expect(release).toHaveBeenCalledTimes(2);
  });

  it("counts time that passed while the page was hidden and its timers held back, and asks for the wake lock again", async () => {
    const listeners: (() => void)[] = [];
    const request = vi.fn(async () => ({
      release: async () => {},
      addEventListener: (_: string, f: () => void) => listeners.push(f),
    }));
    vi.stubGlobal("navigator", { ...navigator, wakeLock: { request } });
    await open();
    await startWith(3);
    await wait(2000);
    expect(request).toHaveBeenCalledTimes(1);
    // Hidden: the system drops the lock, and the clock moves on 61 s with no timer run.
    for (const f of listeners) f();
    const clock = performance.now.bind(performance);
    vi.spyOn(performance, "now").mockImplementation(() => clock() + 61_000);
    expect(id("breathing-remaining").textContent).toBe("02:58");
    expect(document.visibilityState).toBe("visible");
    document.dispatchEvent(new Event("visibilitychange"));
    await wait(0);
    // 63 s breathed: 3 s into a breath in, 1:57 left.
    expect(id("breathing-remaining").textContent).toBe("01:57");
    expect(phase()).toBe("in");
    expect(request).toHaveBeenCalledTimes(2);
  });

  it("goes on without a wake lock when the request is refused", async () => {
    const request = vi.fn(async () => {
      throw new Error("NotAllowedError");
    });
    vi.stubGlobal("navigator", { ...navigator, wakeLock: { request } });
    await open();
    await startWith();
    await wait(4000);
    expect(request).toHaveBeenCalled();
    expect(state()).toBe("running");
    expect(phase()).toBe("out");
    expect(screen.queryByTestId("breathing-error")).toBeNull();
  });
});
