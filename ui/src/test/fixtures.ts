import type { DayProgress, DayView, DoseView, ProgressView } from "../lib/bindings";

export function dose(over: Partial<DoseView> = {}): DoseView {
  return {
    slot: 1,
    time: "08:00",
    due_at: "2026-11-21T08:00:00+01:00",
    window_end: "2026-11-21T11:00:00+01:00",
    units: 1,
    mg: 100,
    status: "upcoming",
    taken_at: null,
    late: false,
    snoozed_until: null,
    note: null,
    ...over,
  };
}

export function dayView(over: Partial<DayView> = {}): DayView {
  return {
    today: "2026-11-21",
    day: "2026-11-21",
    is_today: true,
    now: "2026-11-21T07:00:00+01:00",
    time_zone: "Europe/Berlin",
    day_start: "04:00",
    has_protocol: true,
    before_course: null,
    course: {
      course_id: 1,
      name: "Warm hands and feet",
      template: "circulation",
      start_date: "2026-11-10",
      end_date: "2027-01-04",
      length_days: 56,
      day_number: 12,
      status: "running",
    },
    checklist: {
      day: "2026-11-21",
      protocol_version: 1,
      skipped: false,
      skip_reason: null,
      day_note: null,
      doses: [dose(), dose({ slot: 2, time: "20:00", due_at: "2026-11-21T20:00:00+01:00" })],
      items: [
        { key: "food", label: "Magnesium-rich food", kind: { type: "check" }, done: false, count: 0, note: null },
        { key: "water", label: "Water", kind: { type: "count", target: 8 }, done: false, count: 3, note: null },
      ],
      keep_apart: [],
      score: { doses_taken: 0, doses_planned: 2, items_done: 0.375, items_total: 4, skipped: false },
    },
    next_dose: { day: "2026-11-21", slot: 1, time: "08:00", due_at: "2026-11-21T08:00:00+01:00" },
    rda_mg: 320,
    food_mg: 120,
    supplement_mg: 0,
    checked_in: false,
    refresh_at: "2026-11-21T08:00:00+01:00",
    advice: [],
    symptoms: [
      { symptom: "cold_hands", label: "Cold hands", value: null },
      { symptom: "stomach", label: "Stomach upset or loose stools", value: null },
    ],
    ...over,
  };
}

function dayProgress(day: string, n: number, taken: number, done: number, over: Partial<DayProgress> = {}): DayProgress {
  const p: DayProgress = {
    day,
    day_number: n,
    doses_taken: taken,
    doses_planned: 2,
    items_done: done,
    items_total: 6,
    skipped: false,
    kept: taken >= 2,
    food_mg: 150,
    supplement_mg: taken * 100,
    open: false,
    ...over,
  };
  return p;
}

/**
 * A week of a 56-day course (2 doses a day, 6 items) as the core reports it, today being day 7:
 * kept, partial, missed, a skip day, kept, kept, and today still open. The summary numbers are
 * what the core computes from these days: 7 of 10 doses (skip day and today left out), items
 * 19 of 30, streak 2 (best 2), score 0.712 (the average of 1, 0.5, 0, 1, 1 with weights
 * halving every 7 days).
 */
export function progressView(over: Partial<ProgressView> = {}): ProgressView {
  const days = [
    dayProgress("2026-11-15", 1, 2, 5),
    dayProgress("2026-11-16", 2, 1, 3),
    dayProgress("2026-11-17", 3, 0, 1),
    dayProgress("2026-11-18", 4, 0, 0, { skipped: true, kept: null }),
    dayProgress("2026-11-19", 5, 2, 6),
    dayProgress("2026-11-20", 6, 2, 4),
    dayProgress("2026-11-21", 7, 1, 2, { open: true, kept: null }),
  ];
  return {
    today: "2026-11-21",
    course: {
      course_id: 1,
      name: "Warm hands and feet",
      template: "circulation",
      start_date: "2026-11-15",
      end_date: "2027-01-09",
      length_days: 56,
      day_number: 7,
      status: "running",
    },
    days,
    weeks: [
      {
        week: 1,
        first: "2026-11-15",
        last: "2026-11-21",
        doses_taken: 7,
        doses_planned: 10,
        dose_adherence: 0.7,
        all_adherence: 19 / 30,
        days_counted: 5,
        skipped_days: 1,
        food_mg_per_day: 150,
        supplement_mg_per_day: 117,
        symptoms: [
          { symptom: "cold_hands", average: 17 / 3, change: 17 / 3 - 7 },
          { symptom: "stomach", average: 0, change: 0 },
        ],
      },
    ],
    dose_adherence: 0.7,
    all_adherence: 19 / 30,
    doses_taken: 7,
    doses_planned: 10,
    streaks: { current: 2, best: 2 },
    score: 0.712,
    score_series: [],
    score_half_life_days: 7,
    symptoms: [
      {
        symptom: "cold_hands",
        label: "Cold hands",
        baseline: { day: "2026-11-15", value: 7 },
        points: [
          { day: "2026-11-15", value: 7 },
          { day: "2026-11-17", value: 6 },
          { day: "2026-11-20", value: 4 },
        ],
        change: -3,
      },
      {
        symptom: "stomach",
        label: "Stomach upset or loose stools",
        baseline: { day: "2026-11-15", value: 0 },
        points: [{ day: "2026-11-15", value: 0 }],
        change: null,
      },
    ],
    reports: [
      { kind: "week4", label: "Week 4 report", ready: false },
      { kind: "week8", label: "Week 8 report", ready: false },
      { kind: "now", label: "Report so far", ready: true },
    ],
    ...over,
  };
}
