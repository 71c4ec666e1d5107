import "../test/ipc";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import Today from "./Today.svelte";
import { answer, calls } from "../test/ipc";
import { dayView, dose, movementKinds, stockView } from "../test/fixtures";
import { shortDay } from "../lib/format";
import type { DayView } from "../lib/bindings";

const settings = { reminders: { snooze_min: 10 } };
const granted = { state: "granted", platform: "desktop", help: "Reminders are on." };

describe("Today", () => {
  it("invites a protocol before setup", async () => {
    answer((cmd) => (cmd === "get_day" ? dayView({ has_protocol: false, course: null }) : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    expect(await screen.findByTestId("welcome")).toBeTruthy();
    expect(screen.getByTestId("start-setup").textContent).toContain("Set up your protocol");
  });

  it("shows each dose's state, the course day and the next dose", async () => {
    const v = dayView();
    v.checklist.doses = [
      dose({ status: "taken", taken_at: "2026-11-21T09:30:00+01:00", late: true }),
      dose({ slot: 2, time: "20:00", status: "upcoming" }),
    ];
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    expect((await screen.findByTestId("dose-1-status")).textContent).toBe("taken 09:30 · late");
    expect(screen.getByTestId("dose-2-status").textContent).toBe("at 20:00");
    expect(screen.getByTestId("course-day").textContent).toBe("Day 12 of 56");
    expect(screen.getByTestId("next-dose").textContent).toContain("08:00");
    expect(screen.getByTestId("item-water-count").textContent).toBe("3 of 8 glasses");
    expect(screen.getByTestId("food-progress").textContent).toBe("120 mg of 320 mg from food");
    expect(screen.getByTestId("dose-1-toggle").getAttribute("aria-pressed")).toBe("true");
  });

  it("shows each medicine's rule around declared antacids (reference §4)", async () => {
    const v = dayView();
    v.checklist.antacid_rules = ["doxycycline, with your magnesium antacid or laxative too: Take it at least 2 h before or 4 h after magnesium."];
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    expect((await screen.findByTestId("antacid-rule")).textContent).toContain("doxycycline, with your magnesium antacid");
  });

  it("water past its goal reads as over, not as a bigger goal", async () => {
    const v = dayView();
    const water = v.checklist.items.find((i) => i.key === "water");
    if (!water) throw new Error("the fixture has water");
    water.count = 10;
    water.done = true;
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    expect((await screen.findByTestId("item-water-count")).textContent).toBe("10 of 8 glasses, 2 over your goal");
  });

  it("the night before Day 1 says when the course starts, offers nothing to tick, and the next dose is today", async () => {
    // 01:30 on 22 November: the app's day is still the 21st; the course starts on the 22nd.
    const v = dayView({
      now: "2026-11-22T01:30:00+01:00",
      before_course: "2026-11-22",
      next_dose: { day: "2026-11-22", slot: 1, time: "08:00", due_at: "2026-11-22T08:00:00+01:00" },
    });
    v.checklist.doses = [];
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    expect((await screen.findByTestId("before-course")).textContent).toContain("Your course starts on Sunday");
    expect(screen.getByTestId("next-dose").textContent).toBe("Next dose: 08:00 today");
    expect(screen.queryByTestId("item-water-count")).toBeNull();
    expect(screen.queryByTestId("skip-day")).toBeNull();
  });

  it("after the day's last dose the next one is tomorrow", async () => {
    const v = dayView({
      now: "2026-11-21T22:30:00+01:00",
      next_dose: { day: "2026-11-22", slot: 1, time: "08:00", due_at: "2026-11-22T08:00:00+01:00" },
    });
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    expect((await screen.findByTestId("next-dose")).textContent).toBe("Next dose: 08:00 tomorrow");
    expect(screen.queryByTestId("before-course")).toBeNull();
  });

  it("without supplement doses (kidney disease) the day counts items only, never 0 of 0 doses", async () => {
    const v = dayView();
    v.checklist.doses = [];
    v.checklist.score = { doses_taken: 0, doses_planned: 0, items_done: 2, items_total: 5, skipped: false };
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    expect((await screen.findByTestId("items-score")).textContent).toBe("2 of 5 items");
    expect(screen.queryByTestId("score")).toBeNull();
  });

  it("every note button is named after its item, so a screen reader can tell them apart", async () => {
    const v = dayView();
    v.checklist.doses = [dose(), dose({ slot: 2, time: "20:00", status: "upcoming" })];
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    await screen.findByTestId("dose-1");
    const names = screen.getAllByRole("button", { name: /^(Add|Edit) note/ }).map((b) => b.getAttribute("aria-label"));
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("Add note for Water");
    expect(names).toContain("Add note for dose 1");
    expect(names).toContain("Add note for the day");
  });

  it("says plainly when reminders are not reaching the user, in its own words, the system's in the details", async () => {
    const problem = {
      at: "2026-11-21T08:00:00+01:00",
      reason: "no notification service is running on this desktop, so nothing could show the reminder.",
      code: "no_notification_service",
      details: "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided",
      test: false,
    };
    answer((cmd) =>
      cmd === "get_day" ? dayView() : cmd === "get_delivery_report" ? { problem } : cmd === "get_notification_permission" ? granted : settings,
    );
    render(Today, { day: null });
    const banner = await screen.findByTestId("delivery-problem");
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.textContent).toContain("Reminders are not reaching you.");
    expect(banner.textContent).toContain("The reminder at 08:00 could not be handed to your system");
    expect(screen.getByTestId("delivery-problem-reason").textContent).toContain("no notification service is running");
    expect(screen.getByTestId("delivery-problem-reason").textContent).not.toContain("org.freedesktop");
    const details = screen.getByTestId("delivery-problem-details");
    expect(details.tagName).toBe("DETAILS");
    expect(details.textContent).toContain("code no_notification_service");
    expect(details.textContent).toContain("ServiceUnknown");
    expect(screen.getByTestId("delivery-problem-settings").getAttribute("href")).toBe("#/settings");
  });

  it("a missed dose says not to double up", async () => {
    const v = dayView();
    v.checklist.doses = [dose({ status: "missed" }), dose({ slot: 2, status: "due" })];
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    expect((await screen.findByTestId("dose-1-missed")).textContent).toContain("Don't double up");
  });

  it("a tap sends the dose's own slot and shows the answer", async () => {
    const before = dayView();
    const after: DayView = structuredClone(before);
    after.checklist.doses[1] = dose({ slot: 2, status: "taken", taken_at: "2026-11-21T20:01:00+01:00" });
    answer((cmd) => (cmd === "get_day" ? before : cmd === "tap" ? after : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    await fireEvent.click(await screen.findByTestId("dose-2-toggle"));
    await waitFor(() => expect(screen.getByTestId("dose-2-status").textContent).toBe("taken 20:01"));
    const tap = calls.find((c) => c.cmd === "tap");
    expect(tap?.args).toEqual({ input: { day: null, tap: { type: "take_dose", slot: 2, at: null } } });
  });

  it("shows a refused tap's message", async () => {
    answer((cmd) => {
      if (cmd === "tap") throw { code: "already_taken", message: "Dose 1 is already recorded as taken.", field: null };
      return cmd === "get_day" ? dayView() : settings;
    });
    render(Today, { day: null });
    await fireEvent.click(await screen.findByTestId("dose-1-toggle"));
    expect((await screen.findByTestId("error")).textContent).toContain("already recorded");
  });
});

describe("Today on a phone without notification permission", () => {
  it("asks at the right moment and explains", async () => {
    answer((cmd) => {
      if (cmd === "get_notification_permission")
        return { state: "prompt", platform: "android", help: "Without this permission no reminder can reach you." };
      if (cmd === "request_notification_permission") return { state: "granted", platform: "android", help: "Reminders are on." };
      return cmd === "get_day" ? dayView() : settings;
    });
    render(Today, { day: null });
    const ask = await screen.findByTestId("ask-permission");
    expect(ask.textContent).toContain("Without this permission");
    await fireEvent.click(screen.getByTestId("allow-notifications"));
    await waitFor(() => expect(screen.queryByTestId("ask-permission")).toBeNull());
    expect(calls.some((c) => c.cmd === "request_notification_permission")).toBe(true);
  });
});

describe("Today refreshes itself", () => {
  afterEach(() => vi.useRealTimers());

  it("when its next change comes, not by polling", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00") });
    let loads = 0;
    answer((cmd) => {
      if (cmd !== "get_day") return cmd === "get_notification_permission" ? granted : settings;
      loads += 1;
      const next = ["2026-11-21T08:00:00+01:00", "2026-11-21T11:00:00+01:00", "2026-11-22T04:00:00+01:00"];
      return dayView({ refresh_at: next[Math.min(loads, 3) - 1] });
    });
    render(Today, { day: null });
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "get_day").length).toBe(1));
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect(calls.filter((c) => c.cmd === "get_day").length).toBe(1);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(calls.filter((c) => c.cmd === "get_day").length).toBe(2);
    // Nothing more until the next change at 11:00.
    await vi.advanceTimersByTimeAsync(2 * 3600_000);
    expect(calls.filter((c) => c.cmd === "get_day").length).toBe(2);
    await vi.advanceTimersByTimeAsync(3600_000);
    expect(calls.filter((c) => c.cmd === "get_day").length).toBe(3);
  });

  it("a safety pause says why and what to do, and resumes only with the clinician's clearance", async () => {
    const v = dayView();
    v.next_dose = null;
    v.checklist.doses = [dose({ status: "paused" })];
    v.safety_pause = {
      since: "2026-11-21T07:30:00+01:00",
      day: "2026-11-21",
      signs: ["confusion"],
      message: "Magnesium is paused: on 21 November you reported confusion. Do not take magnesium, and seek medical care now.",
      source: { id: "toxicity", citation: "NIH ODS" },
    };
    const resumed = dayView();
    answer((cmd) =>
      cmd === "get_day" ? v : cmd === "resume_after_pause" ? resumed : cmd === "get_notification_permission" ? granted : settings,
    );
    render(Today, { day: null });
    const banner = await screen.findByTestId("safety-pause");
    expect(banner.getAttribute("role")).toBe("alert");
    expect(screen.getByTestId("safety-pause-message").textContent).toContain("seek medical care now");
    expect(screen.getByTestId("dose-1-status").textContent).toBe("paused for safety");
    const resume = screen.getByTestId("safety-resume") as HTMLButtonElement;
    expect(resume.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("safety-cleared"));
    expect(resume.disabled).toBe(false);
    await fireEvent.click(resume);
    await waitFor(() => expect(screen.queryByTestId("safety-pause")).toBeNull());
    expect(calls.find((c) => c.cmd === "resume_after_pause")?.args).toEqual({ input: { cleared_by_clinician: true } });
  });
});

describe("Today's supply", () => {
  function serve(v: DayView) {
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
  }

  it("shows how long the supply lasts, with no notice while it is enough", async () => {
    serve(dayView({ stock: stockView() }));
    expect((await screen.findByTestId("stock-line")).textContent).toBe("42 capsules left: enough for 21 days");
    expect(screen.queryByTestId("stock-notice")).toBeNull();
  });

  it("lasting the course, it says so", async () => {
    serve(
      dayView({
        stock: stockView({
          on_hand: 1.5,
          unit: "scoops",
          per_day: 0.5,
          runs_out_on: null,
          days_left: 3,
          line: "1.5 scoops left: enough for the rest of the course",
          per_day_text: "0.5 scoops",
        }),
      }),
    );
    expect((await screen.findByTestId("stock-line")).textContent).toBe("1.5 scoops left: enough for the rest of the course");
  });

  it("running low, a notice says how many days are left and to refill, linking to the supply", async () => {
    serve(dayView({ stock: stockView({ on_hand: 6, days_left: 3, runs_out_on: "2026-11-24", low: true, line: "6 capsules left: enough for 3 days" }) }));
    expect((await screen.findByTestId("stock-line")).textContent).toBe("6 capsules left: enough for 3 days");
    const notice = screen.getByTestId("stock-notice");
    expect(notice.getAttribute("role")).toBe("status");
    expect(notice.textContent).toContain(`Only 3 days left (it runs out on ${shortDay("2026-11-24")}). Time to refill.`);
    expect(notice.textContent).not.toContain("More was taken");
    expect(screen.getByTestId("stock-notice-link").getAttribute("href")).toBe("#/protocol/supply");
  });

  it("one day left reads in the singular", async () => {
    serve(
      dayView({
        stock: stockView({
          on_hand: 1,
          days_left: 1,
          runs_out_on: "2026-11-22",
          low: true,
          per_day: 1,
          line: "1 capsule left: enough for 1 day",
          per_day_text: "1 capsule",
        }),
      }),
    );
    expect((await screen.findByTestId("stock-line")).textContent).toBe("1 capsule left: enough for 1 day");
    expect(screen.getByTestId("stock-notice").textContent).toContain("Only 1 day left");
  });

  it("more taken than counted: none left, and asks for a new count", async () => {
    serve(dayView({ stock: stockView({ on_hand: 0, short: true, days_left: 0, runs_out_on: "2026-11-21", low: true, line: "Capsules: none left" }) }));
    expect((await screen.findByTestId("stock-line")).textContent).toBe("Capsules: none left");
    const notice = screen.getByTestId("stock-notice");
    expect(notice.textContent).toContain("More was taken than counted: count what you have again.");
    expect(notice.textContent).toContain("No days left by the count. Time to refill.");
  });

  it("short without being low still shows the notice", async () => {
    serve(
      dayView({
        stock: stockView({
          on_hand: 0,
          short: true,
          days_left: 0,
          runs_out_on: null,
          low: false,
          per_day: 0,
          line: "Capsules: none left",
          per_day_text: "0 capsules",
        }),
      }),
    );
    expect((await screen.findByTestId("stock-notice")).textContent).toContain("More was taken than counted");
  });

  it("shows nothing before the supply is counted", async () => {
    serve(dayView());
    await screen.findByTestId("dose-1");
    expect(screen.queryByTestId("stock-line")).toBeNull();
    expect(screen.queryByTestId("stock-notice")).toBeNull();
  });
});

describe("Today's movement minutes", () => {
  it("go to the core as a move tap, and the minutes it answers with show", async () => {
    const before = dayView();
    before.checklist.items.push({ key: "movement", label: "Gentle movement or yoga", kind: { type: "check" }, done: false, count: 0, note: null, guidance: null, minutes: 0, movement_kinds: movementKinds });
    const after: DayView = structuredClone(before);
    after.checklist.items[2] = { ...after.checklist.items[2], done: true, minutes: 20 };
    answer((cmd) => (cmd === "get_day" ? before : cmd === "tap" ? after : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    await fireEvent.change(await screen.findByTestId("movement-kind"), { target: { value: "stretching" } });
    await fireEvent.input(screen.getByTestId("movement-minutes"), { target: { value: "20" } });
    await fireEvent.click(screen.getByTestId("movement-add"));
    await waitFor(() => expect(screen.getByTestId("item-movement-minutes").textContent).toBe("20 min today"));
    expect(calls.find((c) => c.cmd === "tap")?.args).toEqual({ input: { day: null, tap: { type: "move", kind: "stretching", minutes: 20 } } });
  });

  it("a refused move shows the core's message", async () => {
    const v = dayView();
    v.checklist.items.push({ key: "movement", label: "Gentle movement or yoga", kind: { type: "check" }, done: false, count: 0, note: null, guidance: null, minutes: 0, movement_kinds: movementKinds });
    answer((cmd) => {
      if (cmd === "tap") throw { code: "out_of_range", message: "Enter from 1 to 600 minutes of movement.", field: "minutes" };
      return cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings;
    });
    render(Today, { day: null });
    await fireEvent.input(await screen.findByTestId("movement-minutes"), { target: { value: "30" } });
    await fireEvent.click(screen.getByTestId("movement-add"));
    expect((await screen.findByTestId("error")).textContent).toBe("Enter from 1 to 600 minutes of movement.");
    expect((screen.getByTestId("movement-minutes") as HTMLInputElement).value).toBe("30");
  });
});

describe("Today: what the tester found (issue 21)", () => {
  it("each dose's Skip and Snooze buttons have names of their own", async () => {
    const v = dayView();
    v.checklist.doses = [dose({ status: "due" }), dose({ slot: 2, time: "20:00", status: "upcoming" })];
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    await screen.findByTestId("dose-1-skip");
    // Each name holds the visible text (WCAG 2.5.3, axe's label-content-name-mismatch) and says which dose.
    const skips = screen.getAllByRole("button", { name: /^Skip this dose/ }).map((b) => b.getAttribute("aria-label"));
    expect(skips).toEqual(["Skip this dose: dose 1 at 08:00", "Skip this dose: dose 2 at 20:00"]);
    const snooze = screen.getByTestId("dose-1-snooze");
    expect(snooze.getAttribute("aria-label")).toBe("Snooze 10 min: dose 1 at 08:00");
    expect(snooze.getAttribute("aria-label")).toContain(snooze.textContent?.trim() ?? "?");
  });

  it("after Resume my plan, Today re-arms its own refresh", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const now = Date.now();
      const paused = dayView({
        safety_pause: {
          since: "2026-11-21T09:00:00+01:00",
          day: "2026-11-21",
          signs: ["confusion"],
          message: "Do not take magnesium, and seek medical care now.",
          source: { id: "toxicity", citation: "NIH ODS" },
        },
        refresh_at: null,
      });
      const resumed = dayView({ refresh_at: new Date(now + 60_000).toISOString() });
      let gets = 0;
      answer((cmd) => {
        if (cmd === "get_day") {
          gets += 1;
          return gets === 1 ? paused : resumed;
        }
        if (cmd === "resume_after_pause") return resumed;
        return cmd === "get_notification_permission" ? granted : settings;
      });
      render(Today, { day: null });
      await screen.findByTestId("safety-pause");
      await fireEvent.click(screen.getByTestId("safety-cleared"));
      await fireEvent.click(screen.getByTestId("safety-resume"));
      await waitFor(() => expect(screen.queryByTestId("safety-pause")).toBeNull());
      const before = gets;
      // The resumed view's refresh instant (a minute on, never sooner than 30 s) loads the day again.
      await vi.advanceTimersByTimeAsync(61_000);
      await waitFor(() => expect(gets).toBeGreaterThan(before));
    } finally {
      vi.useRealTimers();
    }
  });
  it("a plan from elsewhere that the safety rules would refuse holds its doses and asks for a review", async () => {
    const v = dayView({
      plan_held: {
        level: "stop",
        code: "plan_stopped",
        message: "Your plan's doses are held: it came from another device, a file or an older version of Magday, and the safety rules would not save it as it is. Review this plan on the Protocol screen before taking more.",
        source: { id: "kidney", citation: "NIH ODS" },
      },
    });
    v.checklist.doses = [];
    answer((cmd) => (cmd === "get_day" ? v : cmd === "get_notification_permission" ? granted : settings));
    render(Today, { day: null });
    const banner = await screen.findByTestId("plan-held");
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.textContent).toContain("doses are held");
    expect(screen.getByTestId("plan-held-review").getAttribute("href")).toBe("#/protocol");
    expect(screen.queryAllByTestId(/^dose-\d$/)).toHaveLength(0);
  });
});
