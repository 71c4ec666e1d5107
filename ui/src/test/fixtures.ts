import type {
  AgeBandOption,
  BackupInfo,
  BreathingOptions,
  DayProgress,
  DayView,
  DeviceSeen,
  DoseView,
  ImportResult,
  ItemNote,
  ItemSpec,
  LockStatus,
  MovementChoice,
  PracticeSummary,
  ProgressView,
  ProtocolCheck,
  ProtocolInput,
  ProtocolView,
  RecordStatus,
  RecoveryView,
  ReportChanges,
  SafetyInput,
  SafetyReport,
  Settings,
  SetupOptions,
  StockView,
  Template,
  TemplateInfo,
  WeekGuide,
  FoodDayView,
} from "../lib/bindings";

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

/** The kinds of movement the core offers on the movement item, in its order and words. */
export const movementKinds: MovementChoice[] = [
  { kind: "walk", label: "Walk" },
  { kind: "yoga", label: "Yoga" },
  { kind: "stretching", label: "Stretching" },
  { kind: "other", label: "Other" },
];

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
        { key: "food", label: "Magnesium-rich food", kind: { type: "check" }, done: false, count: 0, note: null, guidance: null, minutes: 0, movement_kinds: [] },
        { key: "water", label: "Water", kind: { type: "count", target: 8 }, done: false, count: 3, note: null, guidance: null, minutes: 0, movement_kinds: [] },
      ],
      keep_apart: [],
      antacid_rules: [],
      score: { doses_taken: 0, doses_planned: 2, items_done: 0.375, items_total: 4, skipped: false },
    },
    next_dose: { day: "2026-11-21", slot: 1, time: "08:00", due_at: "2026-11-21T08:00:00+01:00" },
    rda_mg: 320,
    food_mg: 120,
    supplement_mg: 0,
    checked_in: false,
    refresh_at: "2026-11-21T08:00:00+01:00",
    advice: [],
    safety_pause: null,
    plan_held: null,
    above_limit: null,
    stock: null,
    symptoms: [
      { symptom: "cold_hands", label: "Cold hands", value: null },
      { symptom: "stomach", label: "Stomach upset or loose stools", value: null },
    ],
    ...over,
  };
}

/**
 * A counted supply: 42 capsules at 2 a day on day 12 of 56 (runs out in 21 days, before the course ends),
 * with the core's words for it. A test that changes the numbers gives the words the core would send with them.
 */
export function stockView(over: Partial<StockView> = {}): StockView {
  return {
    unit: "capsules",
    on_hand: 42,
    short: false,
    per_day: 2,
    days_left: 21,
    runs_out_on: "2026-12-12",
    low: false,
    warn_days: 7,
    counted_on: "2026-11-20",
    ran_out_on: null,
    line: "42 capsules left: enough for 21 days",
    per_day_text: "2 capsules",
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
      // Weeks 4 and 8 of a course from 2026-11-15 are over on its days 28 and 56.
      { kind: "week4", label: "Week 4 report", ready: false, ready_on: "2026-12-12" },
      { kind: "week8", label: "Week 8 report", ready: false, ready_on: "2027-01-09" },
      { kind: "now", label: "Report so far", ready: true, ready_on: null },
    ],
    calendar_outdated: null,
    practice: { weeks: [], warmth: null },
    expect: null,
    safety_pause: null,
    ...over,
  };
}

function items(pairs: [string, string][]): ItemSpec[] {
  return pairs.map(([key, label]) => ({ key, label, kind: key === "water" ? { type: "count", target: 8 } : { type: "check" }, note: null }));
}

/** The notes the core gives the optional items (condensed), each with its source. */
export const itemNotes: Record<string, ItemNote> = {
  b6: { text: "Too much vitamin B6 causes nerve damage (peripheral neuropathy).", citation: "EFSA Journal 2023;21(5):8006" },
  potassium: { text: "Potassium from food, not from supplements unless a clinician prescribes them.", citation: "NIH ODS Potassium fact sheet" },
  omega3: { text: "High doses of omega-3 may add to the effect of anticoagulants.", citation: "NIH ODS Omega-3 fact sheet" },
  b_complex: { text: "B-complex products often hold 25–100 mg of vitamin B6.", citation: "EFSA Journal 2023;21(5):8006" },
  topical: { text: "Little magnesium, if any, is absorbed through the skin: it never counts toward the supplement limit.", citation: "Gröber et al., Nutrients 2017;9:813" },
};

const standardItems = items([
  ["food", "Magnesium-rich food"],
  ["water", "Water"],
  ["movement", "Gentle movement or yoga"],
  ["breathing", "Breathing practice"],
  ["sleep", "Sleep: wind down on time"],
]);
// Every template offers them (condensed: no alpha-lipoic acid).
const optionalItems = items([
  ["b6", "Vitamin B6"],
  ["potassium", "Potassium-rich food"],
  ["omega3", "Omega-3"],
  ["b_complex", "B-complex"],
  ["topical", "Topical magnesium (Epsom-salt bath, oil or spray)"],
]).map((i) => ({ ...i, note: itemNotes[i.key] ?? null }));

function template(id: Template, name: string, form: string, times: string[], over: Partial<TemplateInfo> = {}): TemplateInfo {
  return {
    id,
    name,
    summary: `${name} summary.`,
    default_form: form,
    default_times: times,
    default_daily_mg: 200,
    items: standardItems,
    optional_items: optionalItems,
    // Condensed: both guides' cold hands, cold feet and numbness, and one of the template's own.
    symptoms:
      id === "circulation"
        ? ["cold_hands", "cold_feet", "numbness", "stomach"]
        : id === "nerve"
          ? ["cold_hands", "cold_feet", "numbness", "cramps", "stomach"]
          : ["stomach"],
    breathing_hint: "Slow breathing.",
    ...over,
  };
}

/** Safety answers as a user has chosen them: a woman aged 31–50, not pregnant, no kidney disease. */
export function answeredSafety(over: Partial<SafetyInput> = {}): SafetyInput {
  return {
    age_band: "y31_50",
    sex: "female",
    pregnancy: "no",
    kidney_disease: "no",
    medicines: [],
    takes_antacid_laxative: false,
    antacid_laxative_mg: 0,
    conservative_limit: false,
    wider_windows: false,
    depletion: [],
    ...over,
  };
}

/**
 * The starting protocol the core sends for a template, as `protocol::default_input` builds it:
 * the template's form and times, 100 mg a unit, the daily amount split evenly, 56 days, 8 glasses,
 * and the safety questions unanswered (nothing is pre-filled).
 */
export function draftInput(t: TemplateInfo, start = "2026-11-21", over: Partial<ProtocolInput> = {}): ProtocolInput {
  return {
    template: t.id,
    name: "",
    safety: answeredSafety({ age_band: null, sex: null, pregnancy: null, kidney_disease: null, takes_antacid_laxative: null }),
    supplement: {
      form: t.default_form,
      product: "",
      amount_kind: "elemental",
      mg_per_unit: 100,
      doses: t.default_times.map((time) => ({ time, units: t.default_daily_mg / t.default_times.length / 100 })),
      window_minutes: 180,
    },
    start_date: start,
    length_days: 56,
    water_glasses: 8,
    items_off: [],
    optional_items: [],
    custom_items: [],
    symptoms: [...t.symptoms],
    acknowledge_above_limit: false,
    b6_mg_per_day: null,
    ...over,
  };
}

function band(id: AgeBandOption["id"], label: string): AgeBandOption {
  const infant = id === "m0_6" || id === "m7_12";
  const start = infant ? null : id === "y1_3" ? 50 : id === "y4_8" ? 85 : 200;
  const b6: Record<string, [number, number]> = { y1_3: [3.2, 30], y4_8: [4.5, 40], y9_13: [6.1, 60], y14_18: [8.6, 80] };
  const [efsa_mg, iom_mg] = b6[id] ?? [12, 100];
  return {
    id,
    label,
    infant,
    can_be_pregnant: ["y14_18", "y19_30", "y31_50"].includes(id),
    start_daily_mg: start,
    firm_limit: id === "y1_3" || id === "y4_8",
    b6_limits: infant ? null : { efsa_mg, iom_mg },
  };
}

/** What `get_setup_options` answers (condensed: three forms, three medicine classes). */
export function setupOptions(over: Partial<SetupOptions> = {}): SetupOptions {
  const templates = [
    template("circulation", "Warm hands and feet", "citrate", ["08:00", "19:00"]),
    template("nerve", "Nerve and muscle recovery", "glycinate", ["08:00", "20:00"]),
    template("custom", "Custom", "glycinate", ["08:00", "20:00"]),
  ];
  return {
    templates,
    forms: [
      { id: "glycinate", name: "Glycinate / bisglycinate", elemental_percent: 14.1, laxative: "no", note: "Well absorbed, gentle on digestion." },
      { id: "citrate", name: "Citrate (trimagnesium dicitrate)", elemental_percent: 16.2, laxative: "at_higher_doses", note: "Supports circulation; laxative at higher doses." },
      { id: "oxide", name: "Oxide", elemental_percent: 60.3, laxative: "often", note: "Poorly absorbed; often laxative." },
    ],
    age_bands: [
      band("m0_6", "0–6 months"),
      band("m7_12", "7–12 months"),
      band("y1_3", "1–3 years"),
      band("y4_8", "4–8 years"),
      band("y9_13", "9–13 years"),
      band("y14_18", "14–18 years"),
      band("y19_30", "19–30 years"),
      band("y31_50", "31–50 years"),
      band("y51_plus", "51 years or older"),
    ],
    medicine_classes: [
      { id: "bisphosphonate", label: "Bisphosphonate (alendronate, risedronate)" },
      { id: "iron", label: "Iron supplement" },
      { id: "other", label: "Other" },
    ],
    symptoms: [
      { id: "cold_hands", label: "Cold hands" },
      { id: "cold_feet", label: "Cold feet" },
      { id: "numbness", label: "Numbness" },
      { id: "cramps", label: "Cramps" },
      { id: "stomach", label: "Stomach upset or loose stools" },
    ],
    urgent_symptoms: ["Irregular heartbeat"],
    disclaimer: "Magday is educational, not medical advice.",
    default_length_days: 56,
    default_window_minutes: 180,
    drafts: templates.map((t) => draftInput(t)),
    today: "2026-11-21",
    first_day: "2026-11-21",
    depletion_factors: [
      { id: "chronic_stress", label: "Chronic stress" },
      { id: "alcohol", label: "Regular alcohol" },
      { id: "type2_diabetes", label: "Type 2 diabetes" },
    ],
    ...over,
  };
}

const source = { id: "ods", citation: "NIH Office of Dietary Supplements" };

export function safetyReport(over: Partial<SafetyReport> = {}): SafetyReport {
  return {
    supplement_allowed: true,
    rda_mg: 320,
    limit_mg: 350,
    limit_source: source,
    supplemental_total_mg: 200,
    largest_dose_mg: 100,
    findings: [{ level: "info", code: "rda", message: "Recommended intake for 31–50 years: 320 mg a day.", source }],
    keep_apart: [],
    withheld_items: [],
    ...over,
  };
}

/**
 * What `check_protocol` answers for `input`: its plan in elemental mg (the label's amount taken
 * as elemental), a report that allows it, and `changes` against a saved protocol (none by default).
 */
export function protocolCheck(input: ProtocolInput, over: Partial<SafetyReport> = {}, changes: ReportChanges | null = null): ProtocolCheck {
  const s = input.supplement;
  const report = safetyReport(over);
  const plan =
    s && report.supplement_allowed
      ? {
          form: s.form,
          form_name: s.form,
          product: s.product,
          amount_kind: s.amount_kind,
          mg_per_unit: s.mg_per_unit,
          elemental_mg_per_unit: s.mg_per_unit,
          assumption: null,
          doses: s.doses.map((d, i) => ({ slot: i + 1, time: d.time, units: d.units, mg: d.units * s.mg_per_unit })),
          window_minutes: s.window_minutes,
          daily_mg: s.doses.reduce((sum, d) => sum + d.units * s.mg_per_unit, 0),
        }
      : null;
  return { report, plan, refusal: null, changes, ask_with_food: [] };
}

/** The breathing session's options as the core gives them for the nerve template. */
export function breathingOptions(over: Partial<BreathingOptions> = {}): BreathingOptions {
  return {
    patterns: [
      {
        pattern: "longer_exhale",
        label: "Longer exhale: 4 seconds in, 6 out",
        inhale_s: 4,
        exhale_s: 6,
        about: "Slow diaphragmatic breathing with an exhale longer than the inhale, as the nerve guide describes.",
      },
      {
        pattern: "even",
        label: "Slow and even: 5 seconds in, 5 out",
        inhale_s: 5,
        exhale_s: 5,
        about: "Slow belly breathing at an even pace, six breaths a minute.",
      },
    ],
    default_pattern: "longer_exhale",
    minutes: [3, 5, 10],
    default_minutes: 5,
    min_seconds: 60,
    hint: "Slow diaphragmatic breathing with a longer exhale than inhale, 5–10 minutes.",
    source: { id: "guides", citation: "Magday's seed guides" },
    safety_pause: null,
    seek_care: null,
    ...over,
  };
}

/** The saved protocol as `get_protocol` answers: the circulation template, two 100 mg doses. */
export function protocolView(over: Partial<ProtocolView> = {}): ProtocolView {
  return {
    version_id: 1,
    course_id: 1,
    effective_from: "2026-11-10",
    pending: false,
    spec: {
      template: "circulation",
      name: "Warm hands and feet",
      safety: {
        age_band: "y31_50",
        sex: "female",
        pregnancy: "no",
        kidney_disease: "no",
        medicines: [],
        takes_antacid_laxative: false,
        antacid_laxative_mg: 0,
        conservative_limit: false,
        wider_windows: false,
        depletion: [],
      },
      supplement: {
        form: "citrate",
        form_name: "Citrate (trimagnesium dicitrate)",
        product: "",
        amount_kind: "elemental",
        mg_per_unit: 100,
        elemental_mg_per_unit: 100,
        assumption: null,
        doses: [
          { slot: 1, time: "08:00", units: 1, mg: 100 },
          { slot: 2, time: "19:00", units: 1, mg: 100 },
        ],
        window_minutes: 180,
        daily_mg: 200,
      },
      start_date: "2026-11-10",
      length_days: 56,
      items: standardItems,
      symptoms: ["cold_hands", "stomach"],
      rda_mg: 320,
      above_limit: null,
      b6_mg_per_day: null,
    },
    report: safetyReport(),
    version_count: 1,
    ...over,
  };
}

/** What `get_settings` answers: the defaults. */
export function settings(over: Partial<Settings> = {}): Settings {
  return {
    day_start: "04:00",
    time_zone: { mode: "follow_device" },
    reminders: { enabled: true, pre_alert_min: null, nag_every_min: null, nag_max: 3, snooze_min: 10, separation_reminders: true, private_text: false },
    food_exclusions: [],
    water_mg_per_litre: null,
    theme: "system",
    refill_warn_days: 7,
    ...over,
  };
}

/** Week 2 of 8 explained, with a trend for each of two symptoms, as `get_progress` gives it. */
export function weekGuide(over: Partial<WeekGuide> = {}): WeekGuide {
  return {
    week: 2,
    of_weeks: 8,
    title: "Week 2: the first month",
    text: "Some people notice changes within days; for others it takes weeks.",
    sources: [
      { id: "guides", citation: "Magnesium protocol guides (circulation and nerve)" },
      { id: "diarrhea", citation: "IOM Dietary Reference Intakes, 1997" },
    ],
    trends: [
      {
        symptom: "cold_hands",
        label: "Cold hands",
        baseline: 7,
        recent_average: 5.5,
        verdict: "better",
        sentence: "Cold hands: 5.5 on average over the last 7 days, 1.5 below your baseline of 7.",
      },
      {
        symptom: "stomach",
        label: "Stomach upset or loose stools",
        baseline: 0,
        recent_average: 1.5,
        verdict: "worse",
        sentence: "Stomach upset or loose stools: 1.5 on average over the last 7 days, 1.5 above your baseline of 0.",
      },
    ],
    disclaimer: "Educational, not medical advice. Talk to your clinician about any change.",
    ...over,
  };
}

/** Practice over an 8-week course in its second week: minutes in weeks 1 and 2, none later. */
export function practiceSummary(over: Partial<PracticeSummary> = {}): PracticeSummary {
  const empty = (week: number) => ({ week, movement_minutes: 0, movement_by_kind: [], breathing_minutes: 0, breathing_sessions: 0 });
  return {
    weeks: [
      {
        week: 1,
        movement_minutes: 120,
        movement_by_kind: [
          { kind: "walk", minutes: 90 },
          { kind: "yoga", minutes: 30 },
        ],
        breathing_minutes: 25,
        breathing_sessions: 5,
      },
      { week: 2, movement_minutes: 40, movement_by_kind: [{ kind: "stretching", minutes: 40 }], breathing_minutes: 5, breathing_sessions: 1 },
      ...[3, 4, 5, 6, 7, 8].map(empty),
    ],
    warmth: { sessions: 4, average_before: 3.5, average_after: 5.3, average_change: 1.8 },
    ...over,
  };
}

/** A backup as the core lists it. */
export function backup(over: Partial<BackupInfo> = {}): BackupInfo {
  return {
    name: "magday-2026-11-21T070000Z-daily.db",
    taken_at: "2026-11-21T07:00:00Z",
    reason: "daily",
    reason_label: "Daily",
    bytes: 48 * 1024,
    events: 120,
    versions: 2,
    ...over,
  };
}

/** Four backups, newest first: one made by the user, a daily one, one before an update, one before an import. */
export function backups(): BackupInfo[] {
  return [
    backup({ name: "magday-2026-11-21T093000Z-manual.db", taken_at: "2026-11-21T09:30:00Z", reason: "manual", reason_label: "Made by you", bytes: 50 * 1024, events: 124 }),
    backup(),
    backup({ name: "magday-2026-11-20T060000Z-pre_migration.db", taken_at: "2026-11-20T06:00:00Z", reason: "pre_migration", reason_label: "Before an update", bytes: 2.5 * 1024 * 1024, events: 1 }),
    backup({ name: "magday-2026-11-19T180000Z-pre_import.db", taken_at: "2026-11-19T18:00:00Z", reason: "pre_import", reason_label: "Before an import", bytes: 40 * 1024, events: 98 }),
  ];
}

/** Another device seen in the sync folder. */
export function deviceSeen(over: Partial<DeviceSeen> = {}): DeviceSeen {
  return {
    device: "phone-7c1e",
    written_at: "2026-11-21T08:15:00Z",
    merged_at: "2026-11-21T08:20:00Z",
    events: 37,
    ...over,
  };
}

/** The record's state as Settings shows it: backups, no sync folder yet. */
export function recordStatus(over: Partial<RecordStatus> = {}): RecordStatus {
  return {
    device: "laptop-3fa2",
    backups: backups(),
    backup_folder: "/home/ana/.local/share/magday/backups",
    sync_folder: null,
    devices: [],
    last_sync: null,
    generation: 1,
    record_passphrase: false,
    ...over,
  };
}

/** What an import or a merged restore added. */
export function importResult(over: Partial<ImportResult> = {}): ImportResult {
  return {
    added: { events: 12, versions: 1, courses: 0, settings: 0 },
    from_device: "phone-7c1e",
    written_at: "2026-11-20T19:45:00Z",
    backup: "magday-2026-11-21T100000Z-pre_import.db",
    ...over,
  };
}

/** The recovery screen's facts: the damaged file set aside, with backups to restore. */
export function recoveryView(over: Partial<RecoveryView> = {}): RecoveryView {
  return {
    reason: "the file is damaged: part of it cannot be read.",
    details: "error returned from database: (code: 11) database disk image is malformed",
    set_aside: "/home/ana/.local/share/magday/magday.db.damaged-2026-11-21T100000Z",
    backups: backups(),
    ...over,
  };
}

/** The Food screen of a day as the core gives it: 120 mg from food, two suggestions. */
export function foodDayView(over: Partial<FoodDayView> = {}): FoodDayView {
  return {
    day: "2026-11-21",
    today: "2026-11-21",
    is_today: true,
    not_recordable: null,
    rda_mg: 320,
    food_mg: 120,
    supplement_mg: 100,
    gap_mg: 200,
    entries: [{ id: 7, food_id: 12016, name: "Pumpkin seeds", label: "1 oz", grams: 28.35, mg: 120, at: "2026-11-21T09:00:00+01:00" }],
    suggestions: [
      { food_id: 11458, name: "Spinach, boiled", group: "leafy_greens", label: "1 cup", grams: 180, mg: 156.6, usual: false },
      { food_id: 16015, name: "Black beans", group: "legumes", label: "1 cup", grams: 172, mg: 120.4, usual: true },
    ],
    exclusions: ["nuts"],
    water_mg_per_litre: null,
    water_note: null,
    kidney_water: null,
    source: "USDA FoodData Central (SR Legacy)",
    safety_pause: null,
    ...over,
  };
}

/** The app lock as `get_lock_status` gives it: off unless told. */
export function lockStatus(over: Partial<LockStatus> = {}): LockStatus {
  return { enabled: false, locked: false, idle_minutes: 5, wait_seconds: 0, failed_tries: 0, notice: null, ...over };
}
