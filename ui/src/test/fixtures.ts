import type { DayView, DoseView } from "../lib/bindings";

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
    symptoms: [],
    refresh_at: "2026-11-21T08:00:00+01:00",
    ...over,
  };
}
