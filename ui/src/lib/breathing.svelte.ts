// A guided breathing session (issue 15) apart from the screen that shows it: the pace chosen,
// the stages it goes through, the time breathed and the pacer's size. Time is measured from
// timestamps, never by counting ticks, so a throttled or hidden webview still counts right;
// paused time is left out. The phase shown follows the time breathed. The clock is passed in,
// so tests drive a session with fake timers and no DOM.
//
// A function holding its state in closures rather than a class: its inner names minify, and
// the screen's chunk stays within the UI's size budget.
import type { BreathingInput, BreathingOptions, BreathingPattern } from "./bindings";
import { count } from "./format";

export type Stage = "setup" | "running" | "paused" | "finished" | "saved";
export type Session = ReturnType<typeof breathingSession>;

/** The pacer's smallest and largest size (a breath out ends small, a breath in large). */
export const SMALL = 0.5;
export const LARGE = 1;

/** "1 minute", "5 minutes". */
export const minutesText = (n: number) => count(n, "minute", "minutes");
const rating = (v: string) => (v === "" ? null : Number(v));

/** A session; `now` is a clock in milliseconds. */
export function breathingSession(now = () => performance.now()) {
  let options = $state<BreathingOptions | null>(null);
  let pattern = $state<BreathingPattern>("longer_exhale");
  let minutes = $state(5);
  const warmth = $state({ before: "", after: "" }); // hand warmth 0 to 10; "" = not answered
  let stage = $state<Stage>("setup");
  let elapsedMs = $state(0); // breathing time as of the last tick, pauses left out
  let tooShort = $state(false); // stopped under the shortest session that counts
  let completed = $state(false); // ran to its planned length (else stopped)
  let announcement = $state(""); // what the live region says outside a running session
  let motionS = $state(0); // the pacer's transition: the rest of the current phase
  let bankedMs = 0; // breathing time before the current run
  let runStart: number | null = null; // now() when the current run began
  let timer: ReturnType<typeof setTimeout> | undefined;

  const pace = $derived(options?.patterns.find((p) => p.pattern === pattern) ?? options?.patterns[0]);
  const inhaleMs = $derived((pace?.inhale_s ?? 4) * 1000);
  const exhaleMs = $derived((pace?.exhale_s ?? 6) * 1000);
  const plannedMs = $derived(minutes * 60_000);
  const seconds = $derived(Math.floor(elapsedMs / 1000));
  const sessionMinutes = $derived(completed ? minutes : Math.floor(seconds / 60));

  /** Where `ms` of breathing falls: which phase of the session, counting from 0 (even: in, odd:
   * out), how far through it (0 to 1), and the milliseconds left in it. */
  function at(ms: number) {
    const t = ms % (inhaleMs + exhaleMs);
    const out = t < inhaleMs ? 0 : 1;
    return {
      phase: 2 * Math.floor(ms / (inhaleMs + exhaleMs)) + out,
      progress: out ? (t - inhaleMs) / exhaleMs : t / inhaleMs,
      left: (out ? inhaleMs + exhaleMs : inhaleMs) - t,
    };
  }

  /** The pacer's size at `ms`, eased like CSS ease-in-out (for a paused pacer). */
  function scaleAt(ms: number) {
    const { phase, progress } = at(ms);
    const eased = (LARGE - SMALL) * (0.5 - Math.cos(Math.PI * progress) / 2);
    return phase % 2 ? LARGE - eased : SMALL + eased;
  }

  const phase = $derived(at(elapsedMs).phase % 2 ? "out" : "in");

  const measure = () => bankedMs + (runStart === null ? 0 : now() - runStart);

  /** Read the clock, move the phase on, finish at the planned length, and wake at the next second. */
  function update() {
    clearTimeout(timer);
    if (stage !== "running") return;
    const ms = measure();
    if (ms >= plannedMs) {
      bankedMs = elapsedMs = plannedMs;
      end(true);
      return;
    }
    if (at(ms).phase !== at(elapsedMs).phase) motionS = at(ms).left / 1000;
    elapsedMs = ms;
    // Phase changes and the remaining time both fall on whole seconds of breathing.
    timer = setTimeout(update, 1000 - (ms % 1000));
  }

  function run() {
    runStart = now();
    stage = "running";
    update();
  }

  function pause(say = "Paused") {
    if (stage !== "running") return;
    bankedMs = elapsedMs = measure();
    halt();
    stage = "paused";
    announcement = say;
  }

  function end(finished: boolean) {
    halt();
    completed = finished;
    tooShort = false;
    stage = "finished";
    announcement = finished ? "Session finished" : "Session stopped";
  }

  /** Stop the clock (the session ended, or its screen is gone). */
  function halt() {
    clearTimeout(timer);
    runStart = null;
  }

  return {
    get options() {
      return options;
    },
    /** The template's defaults, once its options are known. */
    setOptions(o: BreathingOptions) {
      options = o;
      pattern = o.default_pattern;
      minutes = o.default_minutes;
    },
    get pattern() {
      return pattern;
    },
    set pattern(p) {
      pattern = p;
    },
    get minutes() {
      return minutes;
    },
    set minutes(m) {
      minutes = m;
    },
    warmth,
    get stage() {
      return stage;
    },
    set stage(s) {
      stage = s;
    },
    get elapsedMs() {
      return elapsedMs;
    },
    get tooShort() {
      return tooShort;
    },
    get completed() {
      return completed;
    },
    get phase() {
      return phase;
    },
    get cue() {
      return phase === "in" ? "Breathe in" : "Breathe out";
    },
    /** Changes only at a phase change while running; pause, stop and finish say so once. */
    get live() {
      return stage === "running" ? (phase === "in" ? "Breathe in" : "Breathe out") : announcement;
    },
    /** The pacer's transform: full at a breath in's end, small at a breath out's, where it is when paused. */
    get scale() {
      return `scale(${stage === "paused" ? scaleAt(elapsedMs).toFixed(3) : phase === "in" ? LARGE : SMALL})`;
    },
    /** While running, the pacer moves over the rest of the phase. */
    get motion() {
      return stage === "running" ? `transform ${motionS.toFixed(3)}s ease-in-out` : undefined;
    },
    /** "04:36": the time left of the planned length. */
    get remaining() {
      const s = Math.max(0, Math.ceil((plannedMs - elapsedMs) / 1000));
      return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
    },
    /** The minutes the session counts as: the length chosen once it ran to the end. */
    get sessionMinutes() {
      return sessionMinutes;
    },
    get summary() {
      if (completed) return `You breathed for the ${minutes} minutes you chose.`;
      const m = Math.floor(seconds / 60);
      const s = seconds % 60;
      const done = s === 0 ? minutesText(m) : `${minutesText(m)} and ${count(s, "second", "seconds")}`;
      return `You breathed for ${done}; it counts as ${minutesText(sessionMinutes)}.`;
    },
    /** What Save records. */
    get record(): BreathingInput {
      return {
        pattern,
        planned_minutes: minutes,
        seconds,
        warmth_before: rating(warmth.before),
        warmth_after: rating(warmth.after),
      };
    },
    at,
    scaleAt,
    update,
    start() {
      bankedMs = elapsedMs = 0;
      tooShort = completed = false;
      warmth.after = announcement = "";
      motionS = inhaleMs / 1000;
      run();
    },
    pause,
    resume() {
      if (stage !== "paused") return;
      tooShort = false;
      motionS = at(bankedMs).left / 1000;
      run();
    },
    /** Stop: a session of the shortest length that counts ends; a shorter one waits, paused, to
     * be gone on with or discarded (`tooShort`). */
    stop() {
      pause("Stopped");
      if (stage !== "paused") return;
      if (elapsedMs >= (options?.min_seconds ?? 60) * 1000) return end(false);
      tooShort = true;
      announcement = "Stopped";
    },
    discard() {
      halt();
      bankedMs = elapsedMs = 0;
      tooShort = false;
      stage = "setup";
      announcement = "Session discarded";
    },
    halt,
  };
}
