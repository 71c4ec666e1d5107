// The breathing session on its own, no DOM: fake timers drive its wake-ups, and the clock it is
// given is the fake Date, so time passes only when a test says so.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { breathingSession, LARGE, SMALL } from "./breathing.svelte";
import { breathingOptions } from "../test/fixtures";

function session(minutes = 3) {
  const s = breathingSession(() => Date.now());
  s.setOptions(breathingOptions());
  s.minutes = minutes;
  return s;
}

/** Let `ms` of time pass. */
const pass = (ms: number) => vi.advanceTimersByTime(ms);

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("phases", () => {
  it("takes the template's pace and length, and alternates in 4 s and out 6 s from the start", () => {
    const s = breathingSession(() => Date.now());
    s.setOptions(breathingOptions({ default_minutes: 10 }));
    expect([s.pattern, s.minutes, s.stage]).toEqual(["longer_exhale", 10, "setup"]);
    s.start();
    const seen: [number, string][] = [];
    let last = "";
    for (let t = 0; t <= 30_000; t += 250) {
      if (s.phase !== last) seen.push([t, (last = s.phase)]);
      pass(250);
    }
    expect(seen).toEqual([
      [0, "in"],
      [4000, "out"],
      [10_000, "in"],
      [14_000, "out"],
      [20_000, "in"],
      [24_000, "out"],
      [30_000, "in"],
    ]);
    expect(s.cue).toBe("Breathe in");
    expect(s.live).toBe("Breathe in");
  });

  it("the even pace changes every 5 s", () => {
    const s = session();
    s.pattern = "even";
    s.start();
    pass(4999);
    expect(s.phase).toBe("in");
    pass(1);
    expect(s.phase).toBe("out");
    pass(5000);
    expect(s.phase).toBe("in");
  });

  it("numbers the phases and says what is left of each at its boundaries", () => {
    const s = session();
    expect(s.at(0)).toEqual({ phase: 0, progress: 0, left: 4000 });
    expect(s.at(3999).phase).toBe(0);
    expect(s.at(3999).left).toBe(1);
    expect(s.at(4000)).toEqual({ phase: 1, progress: 0, left: 6000 });
    expect(s.at(7000)).toEqual({ phase: 1, progress: 0.5, left: 3000 });
    expect(s.at(10_000)).toEqual({ phase: 2, progress: 0, left: 4000 });
  });
});

describe("the pacer", () => {
  it("is small at a breath's start, large at the turn, and eased between", () => {
    const s = session();
    expect(s.scaleAt(0)).toBe(SMALL);
    expect(s.scaleAt(2000)).toBeCloseTo(0.75);
    expect(s.scaleAt(4000)).toBe(LARGE);
    expect(s.scaleAt(7000)).toBeCloseTo(0.75);
    expect(s.scaleAt(10_000)).toBe(SMALL);
    // Eased like CSS ease-in-out: slow near the ends, fast in the middle.
    expect(s.scaleAt(400) - s.scaleAt(0)).toBeLessThan(s.scaleAt(2200) - s.scaleAt(1800));
  });

  it("moves to the phase's end size over the rest of the phase, and holds where it is when paused", () => {
    const s = session();
    s.start();
    expect(s.scale).toBe("scale(1)");
    expect(s.motion).toBe("transform 4.000s ease-in-out");
    pass(4000);
    expect(s.scale).toBe("scale(0.5)");
    expect(s.motion).toBe("transform 6.000s ease-in-out");
    pass(3000);
    s.pause();
    expect(s.scale).toBe("scale(0.750)");
    expect(s.motion).toBeUndefined();
    s.resume();
    // Resumed mid-breath: the rest of the out-breath, 3 s.
    expect(s.motion).toBe("transform 3.000s ease-in-out");
  });
});

describe("time", () => {
  it("counts down the time left in whole seconds", () => {
    const s = session(3);
    s.start();
    expect(s.remaining).toBe("03:00");
    pass(30_000);
    expect(s.remaining).toBe("02:30");
    pass(400);
    expect(s.remaining).toBe("02:30");
  });

  it("pausing keeps the time breathed and leaves the paused time out", () => {
    const s = session(3);
    s.start();
    pass(30_000);
    s.pause();
    expect([s.stage, s.live]).toEqual(["paused", "Paused"]);
    pass(10 * 60_000);
    expect(s.elapsedMs).toBe(30_000);
    expect(s.remaining).toBe("02:30");
    s.resume();
    expect(s.stage).toBe("running");
    pass(1000);
    expect(s.elapsedMs).toBe(31_000);
    expect(s.remaining).toBe("02:29");
  });

  it("counts time the timers were held back for (a hidden page) at the next update", () => {
    const s = session(3);
    s.start();
    pass(2000);
    // The clock moves on 61 s with no timer run, then the page shows again.
    vi.setSystemTime(Date.now() + 61_000);
    s.update();
    expect(s.elapsedMs).toBe(63_000);
    expect(s.remaining).toBe("01:57");
  });
});

describe("the end", () => {
  it("finishes by itself at the planned length, and time after it changes nothing", () => {
    const s = session(3);
    s.warmth.before = "4";
    s.start();
    pass(179_999);
    expect(s.stage).toBe("running");
    pass(1);
    expect([s.stage, s.completed, s.live]).toEqual(["finished", true, "Session finished"]);
    pass(60_000);
    expect(s.elapsedMs).toBe(180_000);
    expect(s.sessionMinutes).toBe(3);
    expect(s.summary).toBe("You breathed for the 3 minutes you chose.");
    s.warmth.after = "7";
    expect(s.record).toEqual({
      pattern: "longer_exhale",
      planned_minutes: 3,
      seconds: 180,
      warmth_before: 4,
      warmth_after: 7,
    });
  });

  it("a stop from a minute on ends the session with the time breathed", () => {
    const s = session(5);
    s.start();
    pass(75_400);
    s.stop();
    expect([s.stage, s.completed, s.tooShort, s.live]).toEqual(["finished", false, false, "Session stopped"]);
    expect(s.summary).toBe("You breathed for 1 minute and 15 seconds; it counts as 1 minute.");
    expect(s.record).toMatchObject({ planned_minutes: 5, seconds: 75, warmth_before: null, warmth_after: null });
  });

  it("a stop under a minute waits, paused, to go on or be discarded", () => {
    const s = session();
    s.start();
    pass(30_000);
    s.stop();
    expect([s.stage, s.tooShort, s.live]).toEqual(["paused", true, "Stopped"]);
    pass(20_000);
    s.resume();
    expect([s.stage, s.tooShort]).toEqual(["running", false]);
    pass(45_000);
    s.stop();
    expect(s.stage).toBe("finished");
    expect(s.record.seconds).toBe(75);
  });

  it("discarding goes back to the start with nothing breathed", () => {
    const s = session();
    s.start();
    pass(30_000);
    s.stop();
    s.discard();
    expect([s.stage, s.elapsedMs, s.tooShort, s.live]).toEqual(["setup", 0, false, "Session discarded"]);
    pass(60_000);
    expect(s.elapsedMs).toBe(0);
    // A new session starts from nothing, its warmth after unanswered again.
    s.warmth.after = "5";
    s.start();
    expect([s.stage, s.elapsedMs, s.warmth.after, s.live]).toEqual(["running", 0, "", "Breathe in"]);
  });
});
