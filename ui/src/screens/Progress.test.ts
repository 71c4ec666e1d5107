import "../test/ipc";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Progress from "./Progress.svelte";
import { answer, calls } from "../test/ipc";
import { practiceSummary, progressView, weekGuide } from "../test/fixtures";
import type { ProgressView } from "../lib/bindings";
import { addDays, shortDay } from "../lib/format";
import { refresh } from "../lib/refresh.svelte";

function serve(view: ProgressView, exportReport?: (args: Record<string, unknown> | undefined) => unknown) {
  answer((cmd, args) => {
    if (cmd === "get_progress") return view;
    if (cmd === "export_report" && exportReport) return exportReport(args);
    throw { code: "unexpected", message: `unexpected command ${cmd}`, field: null };
  });
}

const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, " ").trim();

describe("Progress", () => {
  it("shows the course day, adherence, streaks and the score from the core", async () => {
    serve(progressView());
    render(Progress);
    await screen.findByTestId("progress-dose-adherence");
    expect(text("progress-course-day")).toBe("Day 7 of 56");
    expect(text("progress-dose-adherence")).toBe("70%");
    expect(text("progress-doses-taken")).toBe("7 of 10 doses taken");
    expect(text("progress-all-adherence")).toBe("63%");
    expect(text("progress-streak")).toBe("2 days");
    expect(text("progress-best-streak")).toBe("best 2 days");
    expect(text("progress-score")).toBe("71%");
    // Plain adherence beside the score, and the half-life in words.
    expect(text("progress-plain")).toBe("plain adherence 70%");
    expect(text("progress-score-note")).toContain("halves after 7 days");
    expect(text("progress-streak-note")).toContain("Skip days freeze it");
    expect(text("week-1-doses")).toBe("70% (7 of 10)");
    expect(text("week-1-all")).toBe("63%");
    expect(screen.queryByTestId("progress-nothing-yet")).toBeNull();
  });

  it("a course without doses shows items, and a one-day streak in the singular", async () => {
    const v = progressView({ streaks: { current: 1, best: 3 }, dose_adherence: null, doses_planned: 0, doses_taken: 0 });
    for (const d of v.days) {
      d.doses_planned = 0;
      d.doses_taken = 0;
    }
    serve(v);
    render(Progress);
    expect((await screen.findByTestId("progress-streak")).textContent).toBe("1 day");
    expect(screen.queryByTestId("progress-dose-adherence")).toBeNull();
    expect(text("progress-plain")).toBe("plain adherence 63%");
  });

  it("marks each calendar day by its state, in shade and in text", async () => {
    serve(progressView());
    render(Progress);
    const cal = await screen.findByTestId("progress-calendar");
    const state = (day: string) => screen.getByTestId(`calendar-day-${day}`).getAttribute("data-state");
    expect(state("2026-11-15")).toBe("kept");
    expect(state("2026-11-16")).toBe("partial");
    expect(state("2026-11-17")).toBe("missed");
    expect(state("2026-11-18")).toBe("skipped");
    expect(state("2026-11-21")).toBe("open");
    expect(state("2026-11-22")).toBe("future");
    // One cell per course day, 7 a row.
    expect(cal.querySelectorAll("[data-state]").length).toBe(56);
    const mark = (day: string) => screen.getByTestId(`calendar-day-${day}`).querySelector("text.mark")?.textContent;
    expect(mark("2026-11-15")).toBe("✓");
    expect(mark("2026-11-16")).toBe("1/2");
    expect(mark("2026-11-17")).toBe("0/2");
    expect(mark("2026-11-18")).toBe("skip");
    expect(mark("2026-11-21")).toBe("today");
    // Shade follows adherence: full for a kept day, lighter for a partial one, none for a skip day.
    const shade = (day: string) =>
      Number(screen.getByTestId(`calendar-day-${day}`).querySelector("rect.shade")?.getAttribute("fill-opacity"));
    expect(shade("2026-11-15")).toBe(1);
    expect(shade("2026-11-16")).toBeGreaterThan(shade("2026-11-17"));
    expect(screen.getByTestId("calendar-day-2026-11-18").querySelector("rect.shade")).toBeNull();
    // Accessible: a title and description, and a table alternative.
    const svg = cal.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(cal.querySelector("desc")?.textContent).toBe(
      "7 of 56 days so far: 3 with every dose or the day kept, 1 partly, 1 missed, 1 skip day.",
    );
    const rows = within(screen.getByTestId("calendar-table")).getAllByRole("row");
    expect(rows.length).toBe(8);
    expect(rows[4].textContent).toContain("skip day");
  });

  it("draws each symptom against its baseline, with the weekly table", async () => {
    serve(progressView());
    render(Progress);
    const chart = await screen.findByTestId("symptom-chart-cold_hands");
    expect(chart.querySelectorAll("circle").length).toBe(3);
    expect(chart.querySelector("desc")?.textContent).toContain(`baseline 7 on ${shortDay("2026-11-15")}, latest 4 on ${shortDay("2026-11-20")} (−3 from baseline)`);
    expect(screen.getByTestId("symptom-baseline-cold_hands")).toBeTruthy();
    expect(text("symptom-change-cold_hands")).toBe("−3 from baseline (better)");
    // Lower is better: the latest point sits lower on the chart (larger y) than the baseline.
    const ys = [...chart.querySelectorAll("circle")].map((c) => Number(c.getAttribute("cy")));
    expect(ys[2]).toBeGreaterThan(ys[0]);
    expect(screen.getByTestId("symptom-chart-stomach").querySelector("desc")?.textContent).toContain("no later rating yet");
    expect(screen.queryByTestId("symptoms-unrated")).toBeNull();
    expect(text("symptom-cold_hands-week-1")).toBe("5.7 (−1.3)");
    expect(text("symptom-stomach-week-1")).toBe("0 (0)");
    expect(within(screen.getByTestId("symptom-row-cold_hands")).getAllByRole("cell")[0].textContent).toBe("7");
  });

  it("offers each report, ready or with its date", async () => {
    serve(progressView());
    render(Progress);
    expect((await screen.findByTestId("report-week4-status")).textContent).toBe(`ready on ${shortDay("2026-12-12")}`);
    expect(text("report-week8-status")).toBe(`ready on ${shortDay("2027-01-09")}`);
    expect(text("report-now-status")).toBe("ready");
    // The one that can be saved now comes first.
    expect(screen.getAllByTestId(/^report-(week4|week8|now)$/).map((e) => e.dataset.testid)).toEqual([
      "report-now",
      "report-week4",
      "report-week8",
    ]);
    expect((screen.getByTestId("report-week4-html") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("report-now-csv") as HTMLButtonElement).disabled).toBe(false);
  });

  it("saving a report shows where it went", async () => {
    serve(progressView(), () => ({ path: "/home/me/Documents/magday-report.html" }));
    render(Progress);
    await fireEvent.click(await screen.findByTestId("report-now-html"));
    await waitFor(() => expect(text("export-result")).toBe("Saved to /home/me/Documents/magday-report.html"));
    expect(calls.find((c) => c.cmd === "export_report")?.args).toEqual({ input: { kind: "now", format: "html", range: null } });
    await fireEvent.click(screen.getByTestId("report-now-csv"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "export_report").length).toBe(2));
    expect(calls.filter((c) => c.cmd === "export_report")[1].args).toEqual({ input: { kind: "now", format: "csv", range: null } });
  });

  it("a cancelled save shows nothing, and clears an earlier result", async () => {
    let path: string | null = "/tmp/a.html";
    serve(progressView(), () => ({ path }));
    render(Progress);
    await fireEvent.click(await screen.findByTestId("report-now-html"));
    await screen.findByTestId("export-result");
    path = null;
    await fireEvent.click(screen.getByTestId("report-now-html"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "export_report").length).toBe(2));
    await waitFor(() => expect(screen.queryByTestId("export-waiting")).toBeNull());
    expect(screen.queryByTestId("export-result")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("a failed save shows the error", async () => {
    serve(progressView(), () => {
      throw { code: "io", message: "Could not write the file: permission denied", field: null };
    });
    render(Progress);
    await fireEvent.click(await screen.findByTestId("report-now-csv"));
    const r = await screen.findByTestId("export-result");
    expect(r.textContent).toBe("Could not write the file: permission denied");
    expect(r.getAttribute("role")).toBe("alert");
  });
});

describe("Progress empty states", () => {
  it("before setup, links to it", async () => {
    serve(progressView({ course: null, days: [], weeks: [], symptoms: [], reports: [] }));
    render(Progress);
    const empty = await screen.findByTestId("progress-no-protocol");
    expect(empty.textContent).toContain("No protocol yet");
    expect(screen.getByTestId("progress-setup").getAttribute("href")).toBe("#/setup");
    expect(screen.queryByTestId("progress-calendar")).toBeNull();
  });

  it("before the course starts, says when", async () => {
    const v = progressView({ days: [], weeks: [], symptoms: [] });
    v.course = { ...v.course!, start_date: "2026-11-28", status: "not_started", day_number: null };
    serve(v);
    render(Progress);
    expect((await screen.findByTestId("progress-not-started")).textContent).toContain(`Your course starts on ${shortDay("2026-11-28")}`);
    expect(screen.queryByTestId("progress-dose-adherence")).toBeNull();
    expect(screen.queryByTestId("report-now-html")).toBeNull();
  });

  /** Day 1 of a course, still open: no day has ended, so the totals are empty. */
  function dayOne(taken: number, done: number, over: Partial<ProgressView> = {}): ProgressView {
    const v = progressView({
      days: [{ ...progressView().days[6], day: "2026-11-21", day_number: 1, doses_taken: taken, items_done: done }],
      dose_adherence: null,
      all_adherence: null,
      doses_taken: 0,
      doses_planned: 0,
      streaks: { current: 0, best: 0 },
      score: null,
      ...over,
    });
    v.course = { ...v.course!, start_date: "2026-11-21", day_number: 1 };
    // The core's offers for a course from 2026-11-21: weeks 4 and 8 over on its days 28 and 56.
    v.reports = [
      { kind: "week4", label: "Week 4 report", ready: false, ready_on: "2026-12-18" },
      { kind: "week8", label: "Week 8 report", ready: false, ready_on: "2027-01-15" },
      { kind: "now", label: "Report so far", ready: true, ready_on: null },
    ];
    return v;
  }

  it("on day 1 with a dose taken, shows today so far, not 0 of 0", async () => {
    serve(dayOne(1, 2.5));
    render(Progress);
    expect((await screen.findByTestId("progress-dose-adherence")).textContent).toBe("1 of 2");
    expect(text("progress-all-adherence")).toBe("2.5 of 6");
    expect(screen.queryByText(/0 of 0/)).toBeNull();
  });

  it("on day 1 with nothing logged, says where to start", async () => {
    const v = dayOne(0, 0, {
      symptoms: progressView().symptoms.map((s) => ({ ...s, baseline: null, points: [], change: null })),
      weeks: progressView().weeks.map((w) => ({
        ...w,
        symptoms: w.symptoms.map((x) => ({ ...x, average: null, change: null })),
      })),
    });
    serve(v);
    render(Progress);
    expect((await screen.findByTestId("progress-nothing-yet")).textContent).toContain("Nothing logged yet");
    // Before any day has ended, today's own count instead of "– / 0 of 0 doses taken".
    expect(text("progress-dose-adherence")).toBe("0 of 2");
    expect(text("progress-doses-taken")).toBe("so far; counted once the day ends");
    expect(text("progress-score")).toBe("–");
    expect(screen.getByTestId("calendar-day-2026-11-21").getAttribute("data-state")).toBe("open");
    expect(screen.queryByTestId("symptom-chart-cold_hands")).toBeNull();
    expect(text("symptoms-unrated")).toBe("Not rated yet: Cold hands, Stomach upset or loose stools. Rate them in the check-in on Today.");
    expect(screen.queryByTestId("symptom-table")).toBeNull();
  });
});

/** The fixture's course moved on to day 10: week 2 is the current week. */
function inWeekTwo(over: Partial<ProgressView> = {}): ProgressView {
  const v = progressView(over);
  const last = v.days[v.days.length - 1];
  v.days = [
    ...v.days.map((d) => ({ ...d, open: false })),
    ...[8, 9, 10].map((n) => ({ ...last, day: addDays("2026-11-15", n - 1), day_number: n, open: n === 10 })),
  ];
  v.course = { ...v.course!, day_number: 10 };
  return v;
}

describe("Progress: what to expect", () => {
  it("explains the week with the user's own trend, its sources and the disclaimer", async () => {
    serve(progressView({ expect: weekGuide() }));
    render(Progress);
    const card = await screen.findByTestId("expect-card");
    expect(text("expect-title")).toBe("Week 2: the first month");
    expect(text("expect-text")).toBe("Some people notice changes within days; for others it takes weeks.");
    expect(text("expect-trend-cold_hands")).toBe("Cold hands: 5.5 on average over the last 7 days, 1.5 below your baseline of 7.");
    expect(text("expect-trend-stomach")).toBe(
      "Stomach upset or loose stools: 1.5 on average over the last 7 days, 1.5 above your baseline of 0.",
    );
    expect(text("expect-sources")).toBe("Sources: Magnesium protocol guides (circulation and nerve); IOM Dietary Reference Intakes, 1997");
    expect(text("expect-disclaimer")).toBe("Educational, not medical advice. Talk to your clinician about any change.");
    // Stated, not alarmed: a worse trend is not marked as an alert.
    expect(within(card).queryByRole("alert")).toBeNull();
    expect(screen.getByTestId("expect-trend-stomach").className).toBe(screen.getByTestId("expect-trend-cold_hands").className);
    // Near the top: before the adherence numbers.
    const adherence = screen.getByTestId("progress-dose-adherence");
    expect(card.compareDocumentPosition(adherence) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("is absent when the core has nothing to say", async () => {
    serve(progressView());
    render(Progress);
    await screen.findByTestId("progress-dose-adherence");
    expect(screen.queryByTestId("expect-card")).toBeNull();
  });
});

describe("Progress: breathing and movement", () => {
  it("shows each week so far, not the weeks still ahead, and the change in hand warmth", async () => {
    serve(inWeekTwo({ practice: practiceSummary() }));
    render(Progress);
    await screen.findByTestId("practice-section");
    expect(text("practice-week-1")).toContain("120 min movement · 25 min breathing (5 sessions)");
    expect(text("practice-week-1")).toContain("walking 90 min, yoga 30 min");
    expect(text("practice-week-2")).toContain("40 min movement · 5 min breathing (1 session)");
    expect(screen.queryByTestId("practice-week-3")).toBeNull();
    expect(screen.queryByTestId("practice-none")).toBeNull();
    // The busiest week fills the bar.
    const width = (n: number) => (screen.getByTestId(`practice-week-${n}`).querySelector(".bar > span") as HTMLElement).style.width;
    expect(width(1)).toBe("100%");
    expect(width(2)).toBe(`${(40 / 120) * 100}%`);
    expect(text("practice-warmth")).toBe("Hand warmth over 4 rated sessions: 3.5 before, 5.3 after (+1.8 on average)");
  });

  it("in week 1, only week 1; without rated sessions, no warmth line", async () => {
    serve(progressView({ practice: practiceSummary({ warmth: null }) }));
    render(Progress);
    await screen.findByTestId("practice-section");
    expect(text("practice-week-1")).toContain("120 min movement");
    expect(screen.queryByTestId("practice-week-2")).toBeNull();
    expect(screen.queryByTestId("practice-warmth")).toBeNull();
  });

  it("with nothing logged, says where to log it", async () => {
    serve(inWeekTwo({ practice: { weeks: practiceSummary().weeks.map((w) => ({ ...w, movement_minutes: 0, movement_by_kind: [], breathing_minutes: 0, breathing_sessions: 0 })), warmth: null } }));
    render(Progress);
    expect((await screen.findByTestId("practice-none")).textContent).toContain("Log movement minutes and breathing sessions");
    expect(text("practice-week-2")).toContain("0 min movement · 0 min breathing");
  });

  it("is not shown before the course starts", async () => {
    const v = progressView({ days: [], weeks: [], symptoms: [], practice: practiceSummary() });
    v.course = { ...v.course!, start_date: "2026-11-28", status: "not_started", day_number: null };
    serve(v);
    render(Progress);
    await screen.findByTestId("progress-not-started");
    expect(screen.queryByTestId("practice-section")).toBeNull();
  });
});

describe("Progress when the record changed elsewhere", () => {
  it("loads once, then again with the new numbers when App says the record changed", async () => {
    let view = progressView();
    answer((cmd) => {
      if (cmd === "get_progress") return view;
      throw { code: "unexpected", message: `unexpected command ${cmd}`, field: null };
    });
    render(Progress);
    await screen.findByTestId("progress-streak");
    expect(text("progress-streak")).toBe("2 days");
    expect(calls.filter((c) => c.cmd === "get_progress")).toHaveLength(1);
    view = progressView({ streaks: { current: 3, best: 3 } });
    refresh.bump();
    await waitFor(() => expect(text("progress-streak")).toBe("3 days"));
    expect(calls.filter((c) => c.cmd === "get_progress")).toHaveLength(2);
  });
});
