// Generated from the Rust types by `src-tauri/src/bindings.rs`: do not edit.
// Regenerate with `MAGDAY_WRITE_BINDINGS=1 cargo test --test bindings`.

import { invoke } from "@tauri-apps/api/core";

/**
 * An acknowledged plan above the supplemental limit.
 */
export type AboveLimit = { 
/**
 * Supplements plus declared antacids and laxatives, mg a day.
 */
total_mg: number, limit_mg: number, 
/**
 * `total_mg` as a share of the limit, percent (rounded).
 */
percent: number, };

/**
 * Age bands of the IOM/ODS tables.
 */
export type AgeBand = "m0_6" | "m7_12" | "y1_3" | "y4_8" | "y9_13" | "y14_18" | "y19_30" | "y31_50" | "y51_plus" | "y71_plus";

/**
 * An age band with what follows from it for the setup form.
 */
export type AgeBandOption = { id: AgeBand, label: string, 
/**
 * Under 1 year: no supplement plan is built (no upper limit is established).
 */
infant: boolean, 
/**
 * Pregnancy and breastfeeding values exist for this band (the question is asked).
 */
can_be_pregnant: boolean, 
/**
 * The daily supplement amount a plan starts from for this band (a child's starts within
 * their own limit), in every setup: the first, an edit, a new course; `None` where no plan
 * is built.
 */
start_daily_mg: number | null, 
/**
 * A young child (1–8 years): no acknowledgement keeps a plan above the band's limit.
 */
firm_limit: boolean, 
/**
 * The vitamin B6 limits of this band (reference §4a); `None` under 1 year.
 */
b6_limits: B6Limits | null, };

/**
 * How the product's strength is stated on its label.
 */
export type AmountKind = "elemental" | "compound";

/**
 * The error every command returns across IPC.
 */
export type ApiError = { 
/**
 * Stable machine code, e.g. `invalid_dose`, `unknown_form`, `not_found`, `storage`.
 */
code: string, 
/**
 * What went wrong, for a person.
 */
message: string, 
/**
 * The input field at fault, when there is one.
 */
field: string | null, 
/**
 * The system's own text behind a failure of the system (SQLite, a file), for support and
 * the log; `message` says it in the app's words.
 */
details: string | null, };

/**
 * Turn starting at login on or off.
 */
export type AutostartInput = { enabled: boolean, };

/**
 * Starting at login on this device.
 */
export type AutostartView = { 
/**
 * False on phones (their system delivers reminders without the app running).
 */
available: boolean, 
/**
 * Whether the entry that starts Magday hidden at login is there.
 */
enabled: boolean, 
/**
 * Whether the one-time offer was already answered (it is not made again).
 */
offered: boolean, };

/**
 * The vitamin B6 upper limits of an age band, mg a day (reference §4a): children and
 * teenagers have lower limits than adults.
 */
export type B6Limits = { 
/**
 * Above it, a warning: the lowest EFSA 2023 value that overlaps the band (scaled from the
 * adult 12 mg by body weight). Source: EFSA Journal 2023;21(5):8006 (`SRC_B6_EFSA`).
 */
efsa_mg: number, 
/**
 * Above it, a strong warning: the IOM 1998 value of the band. Source: IOM 1998 Dietary
 * Reference Intakes (`SRC_B6_IOM`).
 */
iom_mg: number, };

/**
 * One backup.
 */
export type BackupInfo = { 
/**
 * The file name (what restore and "save a copy" name).
 */
name: string, taken_at: string, reason: BackupReason, 
/**
 * Why, in the app's words ("Before an import").
 */
reason_label: string, bytes: number, events: number, versions: number, };

/**
 * A backup named.
 */
export type BackupName = { name: string, };

/**
 * Why a backup was taken.
 */
export type BackupReason = "daily" | "manual" | "pre_migration" | "pre_restore" | "pre_import";

/**
 * A finished or stopped breathing session, as the session screen reports it.
 */
export type BreathingInput = { pattern: BreathingPattern, 
/**
 * The length chosen: 3, 5 or 10 minutes.
 */
planned_minutes: number, 
/**
 * Seconds actually breathed (pauses left out).
 */
seconds: number, 
/**
 * Hand warmth before, 0 (very cold) to 10 (warm); optional.
 */
warmth_before: number | null, 
/**
 * Hand warmth after; optional.
 */
warmth_after: number | null, };

/**
 * What the breathing session offers for the protocol in force.
 */
export type BreathingOptions = { patterns: Array<PatternOption>, 
/**
 * The template's own pace, selected first.
 */
default_pattern: BreathingPattern, minutes: Array<number>, default_minutes: number, 
/**
 * A stopped session counts from this many seconds.
 */
min_seconds: number, 
/**
 * The template's advice on breathing.
 */
hint: string, source: Source, 
/**
 * The safety pause in force now: every screen shows it (issue 22.5).
 */
safety_pause: PauseView | null, 
/**
 * Set when the pause's signs include trouble breathing: that needs care now, not a paced
 * breathing session, and the screen shows this instead of one.
 */
seek_care: string | null, };

/**
 * A breathing pace.
 */
export type BreathingPattern = "even" | "longer_exhale";

/**
 * A symptom check-in.
 */
export type CheckInInput = { 
/**
 * "YYYY-MM-DD"; today when absent.
 */
day: string | null, ratings: Array<Rating>, 
/**
 * Signs of too much magnesium the user has now (from [`URGENT_SYMPTOMS`]).
 */
urgent: Array<string>, note: string, };

/**
 * What a check-in says back.
 */
export type CheckInResult = { day: DayView, 
/**
 * Advice that follows from the answers (loose stools; stop and seek care).
 */
advice: Array<Finding>, };

/**
 * The checklist of one day.
 */
export type Checklist = { day: string, protocol_version: number | null, skipped: boolean, skip_reason: string | null, day_note: string | null, doses: Array<DoseView>, items: Array<ItemView>, keep_apart: Array<KeepApart>, 
/**
 * With magnesium antacids or laxatives declared: each medicine's rule holds around them too
 * (reference §4: "between the medicine and any magnesium-containing product, supplement or
 * antacid"), shown with or without a supplement plan.
 */
antacid_rules: Array<string>, score: DayScore, };

/**
 * The course as the Today and Progress screens show it.
 */
export type CourseInfo = { course_id: number, name: string, template: Template, start_date: string, end_date: string, length_days: number, 
/**
 * Day N of the course for the day shown, if it lies in the course.
 */
day_number: number | null, status: CourseStatus, };

/**
 * Where the course stands.
 */
export type CourseStatus = "not_started" | "running" | "finished";

/**
 * Input for `export_data`.
 */
export type DataExportInput = { format: DataFormat, range: ExportRange, 
/**
 * A name for the person, typed for this export only (FHIR); none by default.
 */
person: string | null, 
/**
 * Private text: the calendar's events say "Magday: dose at 08:00" and nothing more.
 */
private: boolean, };

/**
 * A format other programs read.
 */
export type DataFormat = "event_csv" | "fhir" | "calendar";

/**
 * Input for `get_day`.
 */
export type DayInput = { 
/**
 * "YYYY-MM-DD"; today when absent.
 */
day: string | null, };

/**
 * One day of the course.
 */
export type DayProgress = { day: string, 
/**
 * Day N of the course (1-based).
 */
day_number: number, doses_taken: number, doses_planned: number, 
/**
 * Doses, ticks and counted items done (partial credit).
 */
items_done: number, items_total: number, skipped: boolean, 
/**
 * Whether the day counts toward the streak: `None` for skip days and for today while
 * it can still be completed.
 */
kept: boolean | null, 
/**
 * Food magnesium logged, mg.
 */
food_mg: number, 
/**
 * Supplement magnesium taken, mg.
 */
supplement_mg: number, 
/**
 * True for today (still open).
 */
open: boolean, };

/**
 * How much of a day was done.
 */
export type DayScore = { doses_taken: number, doses_planned: number, 
/**
 * Doses, ticks and counted items (partial credit) done...
 */
items_done: number, 
/**
 * ... out of this many.
 */
items_total: number, 
/**
 * A skip day counts neither for nor against.
 */
skipped: boolean, };

/**
 * One day, as the Today screen (or a past day) shows it.
 */
export type DayView = { 
/**
 * The current day (with the user's day start).
 */
today: string, 
/**
 * The day shown.
 */
day: string, is_today: boolean, 
/**
 * The current instant, RFC 3339 with the local offset.
 */
now: string, 
/**
 * The zone dose times follow.
 */
time_zone: string, day_start: string, 
/**
 * False until the user sets up a protocol.
 */
has_protocol: boolean, course: CourseInfo | null, 
/**
 * The course's first day when the day shown comes before it: nothing is recorded there.
 */
before_course: string | null, checklist: Checklist, next_dose: NextDose | null, rda_mg: number | null, 
/**
 * Food magnesium logged on the day, mg.
 */
food_mg: number, 
/**
 * Supplement magnesium taken on the day, mg.
 */
supplement_mg: number, 
/**
 * True when symptoms were rated on the day.
 */
checked_in: boolean, 
/**
 * The tracked symptoms and the day's rating of each, if rated.
 */
symptoms: Array<SymptomToday>, 
/**
 * What the day's check-ins call for (stop and seek care; loose-stools advice).
 */
advice: Array<Finding>, 
/**
 * The safety pause in force now, whatever the day shown: no dose reminders until the user
 * confirms a clinician's clearance.
 */
safety_pause: PauseView | null, 
/**
 * The plan governing the day is above the supplemental limit, kept on a clinician's
 * advice as the user acknowledged.
 */
above_limit: AboveLimit | null, 
/**
 * The plan governing the day would be refused by the save rules (it came from another
 * device, a file or an older version): its doses are held until the user reviews it.
 */
plan_held: Finding | null, 
/**
 * When this view next changes by itself (a dose comes due, a window closes, a snooze ends,
 * the day ends), RFC 3339: the screen refreshes then rather than polling.
 */
refresh_at: string | null, 
/**
 * The product's supply as of today (today's view only, once the user counted it).
 */
stock: StockView | null, };

/**
 * What became of one expected dose reminder.
 */
export type DeliveryOutcome = "on_time" | "late" | "not_sent" | "failed" | "scheduled";

/**
 * The newest hand-over of a reminder (a dose's or a test) failed: reminders are not reaching
 * the user. It clears as soon as a later one goes through.
 */
export type DeliveryProblem = { 
/**
 * When it was tried (RFC 3339).
 */
at: string, 
/**
 * Why, in the app's words, to follow "could not be handed to your system:" ("no
 * notification service is running on this desktop, ...").
 */
reason: string, 
/**
 * A stable code for support: `no_notification_service`, `notifications_not_allowed`,
 * `notification_refused`.
 */
code: string, 
/**
 * What the system answered, word for word (for support and the "details" line).
 */
details: string, 
/**
 * True for a test reminder, false for a real one.
 */
test: boolean, };

/**
 * "On time in the last 14 days: x of y".
 */
export type DeliveryReport = { days: number, 
/**
 * Dose reminders that came due while their dose was not yet taken.
 */
expected: number, on_time: number, late: number, 
/**
 * Never shown (the app was not running, or the window closed first).
 */
not_sent: number, failed: number, 
/**
 * Handed to the phone's scheduler, which delivers them itself.
 */
scheduled: number, 
/**
 * The newest first, at most 20.
 */
recent: Array<DeliveryView>, 
/**
 * When the last test reminder was shown.
 */
last_test: string | null, 
/**
 * Set while the newest hand-over failed.
 */
problem: DeliveryProblem | null, };

/**
 * One dose reminder in the delivery check.
 */
export type DeliveryView = { day: string, slot: number, 
/**
 * When it should have come (RFC 3339).
 */
planned_at: string, 
/**
 * When it was shown, if it was.
 */
delivered_at: string | null, outcome: DeliveryOutcome, 
/**
 * Why the hand-over failed, as the system said it (outcome "failed").
 */
error: string | null, };

/**
 * Something that depletes magnesium, asked about (optionally) with the safety answers
 * (reference §4c). Older age is not asked: the age band covers it.
 */
export type DepletionFactor = "chronic_stress" | "high_sugar" | "alcohol" | "diuretics" | "acid_suppressants" | "type2_diabetes" | "gastrointestinal";

/**
 * A device seen in the folder.
 */
export type DeviceSeen = { device: string, 
/**
 * When its file was written.
 */
written_at: string, 
/**
 * When this device last merged it.
 */
merged_at: string, events: number, };

/**
 * One dose as entered.
 */
export type DoseInput = { 
/**
 * Local wall-clock time "HH:MM".
 */
time: string, 
/**
 * Units (capsules, tablets, scoops) per dose.
 */
units: number, };

/**
 * A dose as stored.
 */
export type DoseSpec = { 
/**
 * 1-based position in the day.
 */
slot: number, 
/**
 * "HH:MM" local wall-clock time.
 */
time: string, units: number, 
/**
 * Elemental mg in this dose.
 */
mg: number, };

/**
 * Where a dose stands.
 */
export type DoseStatus = "upcoming" | "due" | "taken" | "missed" | "skipped" | "paused" | "before_start";

/**
 * One dose on a day.
 */
export type DoseView = { slot: number, 
/**
 * "HH:MM" wall-clock time.
 */
time: string, 
/**
 * The instant it falls on this day (RFC 3339, local offset).
 */
due_at: string, 
/**
 * When its window closes and an untaken dose is missed.
 */
window_end: string, units: number, mg: number, status: DoseStatus, 
/**
 * When it was taken (RFC 3339), if it was.
 */
taken_at: string | null, late: boolean, snoozed_until: string | null, note: string | null, };

/**
 * What a user does not eat.
 */
export type Exclusion = "nuts" | "peanuts" | "soy" | "gluten" | "dairy" | "fish" | "vegetarian" | "vegan";

/**
 * Input for `export_report`.
 */
export type ExportInput = { kind: ReportKind, format: ReportFormat, 
/**
 * Any range instead of `kind`'s weeks (null: `kind`'s).
 */
range: ExportRange | null, };

/**
 * Which days an export covers.
 */
export type ExportRange = { "kind": "course" } | { "kind": "last7" } | { "kind": "last30" } | { "kind": "week", week: number, } | { "kind": "custom", first: string, last: string, };

/**
 * Where a report went.
 */
export type ExportResult = { 
/**
 * The file written; `None` when the user cancelled.
 */
path: string | null, };

/**
 * The featured servings of one category, in the list's order.
 */
export type FeaturedCategory = { category: string, servings: Array<FeaturedServing>, };

/**
 * One hand-checked serving from the guides' groups.
 */
export type FeaturedServing = { food_id: number, 
/**
 * The guides' category, as the featured list names it ("Leafy greens", "Legumes & soy").
 */
category: string, 
/**
 * The food's group (the same for every serving of a food).
 */
group: FoodGroup, 
/**
 * A short, friendly name ("Spinach, boiled, drained").
 */
name: string, 
/**
 * "½ cup".
 */
label: string, grams: number, 
/**
 * USDA: mg per 100 g × grams / 100.
 */
mg: number, 
/**
 * The NIH ODS figure for this serving, as ODS states it ("78", "24–27"), when ODS lists it.
 */
ods_mg: string | null, 
/**
 * The first serving of this food in its category: the one to offer first.
 */
is_default: boolean, };

/**
 * What happened to one file of the folder.
 */
export type FileOutcome = "merged" | "unchanged" | "skipped";

/**
 * One file of the folder.
 */
export type FileSeen = { file: string, 
/**
 * The device that wrote it (when its header could be read).
 */
device: string | null, written_at: string | null, outcome: FileOutcome, 
/**
 * Why it was skipped.
 */
reason: string | null, };

/**
 * One thing the user should know about their plan, with its source.
 */
export type Finding = { level: Level, code: string, message: string, source: Source, };

/**
 * Whose record to follow when the sync folder holds more than one person's: a profile from
 * the last sync's `choices`, or `None` for a record of this device's own.
 */
export type FollowRecordInput = { profile: string | null, };

/**
 * One USDA food with its magnesium.
 */
export type Food = { 
/**
 * The USDA NDB number (01001 is 1001).
 */
id: number, name: string, 
/**
 * The guides' group, for suggestions and exclusions.
 */
group: FoodGroup, 
/**
 * The USDA food group code (11 = vegetables; named by [`FoodTable::usda_group`]).
 */
usda_group_code: number, mg_per_100g: number, 
/**
 * Household measures; "100 g" is always offered besides these.
 */
portions: Array<Portion>, };

/**
 * The Food screen for a day.
 */
export type FoodDayView = { day: string, today: string, is_today: boolean, 
/**
 * Why nothing can be logged on the day, when nothing can: the day comes before the course
 * (its first day given) or before any protocol. Nothing is suggested then either.
 */
not_recordable: string | null, 
/**
 * The recommended intake for the user's age and sex (food, water and supplements);
 * `None` before a protocol is set up.
 */
rda_mg: number | null, 
/**
 * Food and water magnesium logged, mg.
 */
food_mg: number, 
/**
 * Supplement magnesium taken that day, mg (shown beside; food never counts toward the UL).
 */
supplement_mg: number, 
/**
 * What food still lacks to reach the recommended intake, mg (0 when reached).
 */
gap_mg: number | null, entries: Array<FoodEntry>, 
/**
 * Servings that close the gap (empty when it is closed).
 */
suggestions: Array<Suggestion>, exclusions: Array<Exclusion>, 
/**
 * The user's usual mineral water, mg per litre.
 */
water_mg_per_litre: number | null, 
/**
 * What to know about that water (a strongly laxative one, like Donat Mg).
 */
water_note: string | null, 
/**
 * With kidney disease, a high-magnesium water (the usual one, or one logged that day, over
 * 50 mg/L) is a stop-level finding (reference §3).
 */
kidney_water: Finding | null, 
/**
 * Where the food values come from.
 */
source: string, 
/**
 * The safety pause in force now: every screen shows it (issue 22.5).
 */
safety_pause: PauseView | null, };

/**
 * One logged food or water.
 */
export type FoodEntry = { 
/**
 * The entry's id: what `remove_food` takes.
 */
id: number, 
/**
 * The USDA food, or `None` for mineral water.
 */
food_id: number | null, name: string, 
/**
 * "1 cup, chopped", "2 × 1 oz", "120 g", "0.5 L".
 */
label: string, grams: number, mg: number, 
/**
 * When it was logged (RFC 3339).
 */
at: string, };

/**
 * The food groups suggestions vary across. The first six are the guides' magnesium groups.
 */
export type FoodGroup = "leafy_greens" | "nuts" | "seeds" | "whole_grains" | "legumes" | "cacao" | "fruit" | "vegetables" | "dairy" | "eggs" | "fish" | "meat" | "breakfast_cereal" | "grains" | "beverages" | "other";

/**
 * Input for `get_food`.
 */
export type FoodIdInput = { food_id: number, };

/**
 * A magnesium compound and its elemental share by weight.
 */
export type Form = { id: string, name: string, 
/**
 * Elemental magnesium, percent of the compound's weight.
 */
elemental_percent: number, laxative: Laxative, note: string, };

/**
 * An import (`None`: the dialog was cancelled).
 */
export type ImportOutcome = { result: ImportResult | null, };

/**
 * What an import or a merged restore added.
 */
export type ImportResult = { added: MergeStats, 
/**
 * The device that wrote the file.
 */
from_device: string, 
/**
 * When it was written (RFC 3339).
 */
written_at: string, 
/**
 * The backup taken just before, if one was.
 */
backup: string | null, };

/**
 * How an item is ticked.
 */
export type ItemKind = { "type": "check" } | { "type": "count", target: number, };

/**
 * A note an item carries (what to know before taking it), with where it comes from.
 */
export type ItemNote = { text: string, 
/**
 * The source's citation, as [`crate::facts::Source`] gives it.
 */
citation: string, };

/**
 * A non-dose checklist item of a protocol.
 */
export type ItemSpec = { 
/**
 * Stable key: "food", "water", "movement", "breathing", "sleep", "b6", ..., or "custom:N".
 */
key: string, label: string, kind: ItemKind, 
/**
 * What to know before taking it, with its source (the optional items, reference §4a and
 * §4b). Versions saved before items carried notes read as `None`.
 */
note: ItemNote | null, };

/**
 * One non-dose item on a day.
 */
export type ItemView = { key: string, label: string, kind: ItemKind, done: boolean, 
/**
 * For counted items: how many so far.
 */
count: number, 
/**
 * The user's note on it for the day.
 */
note: string | null, 
/**
 * What to know about the item itself (B6, omega-3, topical magnesium...), with its source:
 * the note the version was saved with, or for a version saved before items carried notes,
 * the item's note today.
 */
guidance: ItemNote | null, 
/**
 * Minutes recorded on the item today (breathing sessions, movement).
 */
minutes: number, 
/**
 * The kinds of movement the movement item records minutes of, with their words (empty on
 * every other item).
 */
movement_kinds: Array<MovementChoice>, };

/**
 * A "keep apart" window: a medicine should not be taken in it.
 */
export type KeepApart = { medicine: string, class: MedicineClass, 
/**
 * "HH:MM" local times; `until` may be past midnight ("01:00").
 */
from: string, until: string, 
/**
 * The dose slot it surrounds.
 */
dose_slot: number, source: Source, };

/**
 * The answer to "Do you have kidney disease, reduced kidney function or dialysis?".
 * "Not sure" counts as yes in every rule until it is answered (reference §3).
 *
 * Written as `"yes"`, `"no"` or `"not_sure"`. Protocols saved before the question had three
 * answers stored a bool, so a stored `true` still reads as yes and `false` as no.
 */
export type KidneyAnswer = "yes" | "no" | "not_sure";

/**
 * Minutes of one kind.
 */
export type KindMinutes = { kind: MovementKind, minutes: number, };

/**
 * A value with its label.
 */
export type Labelled<T> = { id: T, label: string, };

/**
 * How loose stools relate to a form.
 */
export type Laxative = "no" | "at_higher_doses" | "often";

/**
 * How serious a finding is.
 */
export type Level = "info" | "caution" | "warning" | "strong" | "stop";

/**
 * The idle time alone.
 */
export type LockIdleInput = { idle_minutes: number, };

/**
 * What setting or resetting a passphrase returns: the lock's state and the new one-time
 * recovery code, to be shown once.
 */
export type LockSetup = { status: LockStatus, 
/**
 * "XXXX-XXXX-XXXX-XXXX-XXXX"; only its hash is kept.
 */
recovery_code: string, };

/**
 * What the screens and the shell see of the lock.
 */
export type LockStatus = { 
/**
 * A passphrase is set.
 */
enabled: boolean, 
/**
 * The app is locked now.
 */
locked: boolean, 
/**
 * Minutes without activity before the app locks itself ([`DEFAULT_IDLE_MINUTES`] when off).
 */
idle_minutes: number, 
/**
 * Seconds before a passphrase or code is checked again; 0 unless a wait is running now.
 */
wait_seconds: number, 
/**
 * Wrong tries since the last right one.
 */
failed_tries: number, 
/**
 * Something the user should know, e.g. that the lock's file was damaged and the lock is off.
 */
notice: string | null, };

/**
 * Input for `log_food`: an amount of a food, by household portion or grams.
 */
export type LogFoodInput = { 
/**
 * "YYYY-MM-DD"; today when absent.
 */
day: string | null, food_id: number, grams: number, 
/**
 * How the user measured it ("1 cup, chopped", "2 × 1 oz"); grams when empty.
 */
label: string, };

/**
 * Input for `log_water`.
 */
export type LogWaterInput = { day: string | null, litres: number, 
/**
 * From the bottle's label; the saved setting when absent.
 */
mg_per_litre: number | null, };

/**
 * Medicine classes with a rule for magnesium. Source: [`SRC_ODS_MEDICINES`].
 */
export type MedicineClass = "bisphosphonate" | "tetracycline" | "quinolone" | "loop_or_thiazide_diuretic" | "potassium_sparing_diuretic" | "proton_pump_inhibitor" | "ace_inhibitor" | "arb" | "iron" | "other";

/**
 * A medicine the user takes.
 */
export type MedicineInput = { class: MedicineClass, 
/**
 * The user's own name for it ("doxycycline"); may be empty.
 */
name: string, 
/**
 * When the user usually takes it, "HH:MM"; enables separation reminders.
 */
time: string | null, 
/**
 * Further intakes the same day ("HH:MM"; antibiotics twice or three times a day): each
 * gets its window and its reminder.
 */
more_times: Array<string>, 
/**
 * For another prescription medicine: minutes to keep it from magnesium on either side
 * (2 h when unset, reference §4).
 */
window_min: number | null, 
/**
 * The user takes it together with magnesium and with food: where the medicine's label allows
 * that (bictegravir, Biktarvy), a dose at the same moment is then no clash (reference §4).
 */
with_food?: boolean, };

/**
 * What a merge added.
 */
export type MergeStats = { events: number, versions: number, courses: number, settings: number, };

/**
 * A kind of movement as the screens offer it.
 */
export type MovementChoice = { kind: MovementKind, label: string, };

/**
 * A kind of movement.
 */
export type MovementKind = "walk" | "yoga" | "stretching" | "other";

/**
 * The next dose due.
 */
export type NextDose = { day: string, slot: number, time: string, due_at: string, };

/**
 * One pace as the session screen offers it.
 */
export type PatternOption = { pattern: BreathingPattern, label: string, inhale_s: number, exhale_s: number, about: string, };

/**
 * The pause as Today shows it: why, and what to do.
 */
export type PauseView = { 
/**
 * When it began (RFC 3339, local offset).
 */
since: string, day: string, signs: Array<string>, message: string, source: Source, };

/**
 * Whether notifications may be shown.
 */
export type Permission = "granted" | "denied" | "prompt";

/**
 * The permission, and what the user can do about it on this platform.
 */
export type PermissionView = { state: Permission, 
/**
 * "desktop", "android" or "ios".
 */
platform: string, 
/**
 * What happens without it, and how to turn it on.
 */
help: string, };

/**
 * A household measure of a food: "1 cup, chopped" = 30 g.
 */
export type Portion = { label: string, grams: number, };

/**
 * Practice over a course.
 */
export type PracticeSummary = { weeks: Array<PracticeWeek>, warmth: WarmthChange | null, };

/**
 * A course week's practice.
 */
export type PracticeWeek = { 
/**
 * 1-based course week.
 */
week: number, movement_minutes: number, movement_by_kind: Array<KindMinutes>, breathing_minutes: number, breathing_sessions: number, };

export type Pregnancy = "no" | "pregnant" | "lactating";

/**
 * The Progress screen.
 */
export type ProgressView = { today: string, course: CourseInfo | null, days: Array<DayProgress>, weeks: Array<WeekProgress>, 
/**
 * Over finished days (today is still open).
 */
dose_adherence: number | null, all_adherence: number | null, doses_taken: number, doses_planned: number, streaks: Streaks, score: number | null, score_series: Array<ScorePoint>, score_half_life_days: number, symptoms: Array<SymptomSeries>, reports: Array<ReportOffer>, 
/**
 * The day a calendar of the dose times was saved on this device for a plan that has
 * changed since: the Export place offers a new file (and says to remove the old events).
 */
calendar_outdated: string | null, 
/**
 * Breathing and movement minutes per course week, and the change in hand warmth.
 */
practice: PracticeSummary, 
/**
 * What to expect in the current week, and the user's trend against their baseline.
 */
expect: WeekGuide | null, 
/**
 * The safety pause in force now: every screen shows it (issue 22.5).
 */
safety_pause: PauseView | null, };

/**
 * What checking a protocol says.
 */
export type ProtocolCheck = { report: SafetyReport, 
/**
 * The supplement plan as it would be saved (elemental mg, the conversion shown).
 */
plan: SupplementPlan | null, 
/**
 * Why saving it now would be refused (a safety stop, an unacknowledged limit).
 */
refusal: ApiError | null, 
/**
 * With a protocol saved (an edit, or a new course after one): the findings this protocol
 * adds and removes compared with the saved one's report (`ProtocolView::report`), so a
 * changed safety answer shows what it changes before it is saved. `None` before any.
 */
changes: ReportChanges | null, 
/**
 * The medicines (by index) whose label allows taking them at the same moment as magnesium
 * only with food (bictegravir): the form asks whether both are taken with food.
 */
ask_with_food: Array<number>, };

/**
 * A protocol as the user sets it up (onboarding) or edits it.
 */
export type ProtocolInput = { template: Template, name: string, safety: SafetyInput, 
/**
 * `None`: no supplement doses (food, water, movement and the rest only).
 */
supplement: SupplementInput | null, 
/**
 * "YYYY-MM-DD".
 */
start_date: string, length_days: number, water_glasses: number, 
/**
 * Keys of the template's standard items the user turned off.
 */
items_off: Array<string>, 
/**
 * Keys of optional items turned on ("b6", "omega3", ...).
 */
optional_items: Array<string>, 
/**
 * The user's own items ("Stretch before bed").
 */
custom_items: Array<string>, symptoms: Array<Symptom>, 
/**
 * The user read the warning that the plan is above the limit and keeps it.
 */
acknowledge_above_limit: boolean, 
/**
 * Vitamin B6 the user takes, mg a day, from the B6 item and B-complex together (optional,
 * 0 to 500; reference §4a).
 */
b6_mg_per_day: number | null, };

/**
 * A validated protocol, as stored in each version.
 */
export type ProtocolSpec = { template: Template, name: string, safety: SafetyAnswers, supplement: SupplementPlan | null, start_date: string, length_days: number, items: Array<ItemSpec>, symptoms: Array<Symptom>, rda_mg: number, 
/**
 * The user kept a plan above the supplemental limit, saying it is on a clinician's advice:
 * stored with how far above it was, and shown on Today and in the report. Versions saved
 * before this was recorded read as `None`.
 */
above_limit: AboveLimit | null, 
/**
 * Vitamin B6 the user stated, mg a day (B6 and B-complex together); versions saved before
 * it was asked read as `None`.
 */
b6_mg_per_day: number | null, };

/**
 * The saved protocol, as the protocol screen shows it.
 */
export type ProtocolView = { version_id: number, course_id: number, 
/**
 * The first day this version governs.
 */
effective_from: string, 
/**
 * True when it takes effect on a later day (today is already logged).
 */
pending: boolean, spec: ProtocolSpec, report: SafetyReport, 
/**
 * How many versions this course has had.
 */
version_count: number, };

/**
 * One symptom rated.
 */
export type Rating = { symptom: Symptom, 
/**
 * 0 (none) to 10 (worst).
 */
value: number, };

/**
 * One person's record found in a sync folder, as the user recognises it.
 */
export type RecordChoice = { profile: string, 
/**
 * The devices whose files hold it.
 */
devices: Array<string>, 
/**
 * The first course's first day.
 */
started: string | null, 
/**
 * The newest protocol's name.
 */
protocol: string | null, 
/**
 * Entries in its newest file.
 */
entries: number, };

/**
 * This device's record passphrase, or none (`null`) to stop sealing.
 */
export type RecordPassphraseInput = { passphrase: string | null, };

/**
 * The Settings screen's view of the record.
 */
export type RecordStatus = { 
/**
 * This installation's device id.
 */
device: string, 
/**
 * Newest first.
 */
backups: Array<BackupInfo>, backup_folder: string, sync_folder: string | null, 
/**
 * The other devices whose files were merged, and when each last wrote.
 */
devices: Array<DeviceSeen>, last_sync: SyncOutcome | null, 
/**
 * Bumped whenever a sync, an import or a restore changed the record.
 */
generation: number, 
/**
 * A record passphrase is set on this device: exports and this device's sync file are
 * sealed with it.
 */
record_passphrase: boolean, };

/**
 * On the recovery screen: restore the backup named, or (`None`) start with an empty record.
 */
export type RecoverInput = { name: string | null, };

/**
 * A recovery code to save as a file.
 */
export type RecoveryCodeInput = { code: string, };

/**
 * The recovery code and the new passphrase it sets.
 */
export type RecoveryInput = { code: string, passphrase: string, };

/**
 * The recovery screen's facts: why the database could not be used, where it was set aside,
 * and the backups that can replace it.
 */
export type RecoveryView = { 
/**
 * Why, in the app's words.
 */
reason: string, 
/**
 * What SQLite said, for support (behind a "details" line).
 */
details: string, 
/**
 * Where the damaged file was kept (never deleted).
 */
set_aside: string, backups: Array<BackupInfo>, };

/**
 * Reminder behaviour.
 */
export type ReminderSettings = { enabled: boolean, 
/**
 * Minutes before a dose for a "dose in N minutes" alert; `None`: no pre-alert.
 */
pre_alert_min: number | null, 
/**
 * Repeat every N minutes until the dose is taken; `None`: remind once.
 */
nag_every_min: number | null, 
/**
 * At most this many repeats.
 */
nag_max: number, 
/**
 * Minutes a snooze lasts.
 */
snooze_min: number, 
/**
 * Remind at medicine times to keep them apart from magnesium.
 */
separation_reminders: boolean, 
/**
 * Reminders say when, never what: "Magday: time for your 08:00 dose", no product, form,
 * amount or medicine (see [`crate::reminders::private`]). On for the device while its app
 * lock is on, whatever this says. Settings saved before it existed read as off.
 */
private_text: boolean, };

/**
 * Input for `remove_food`.
 */
export type RemoveFoodInput = { day: string | null, entry_id: number, };

/**
 * The findings an edit adds and removes, each list in its report's order (most serious first).
 */
export type ReportChanges = { 
/**
 * In the edited protocol's report and not in the saved one's.
 */
added: Array<Finding>, 
/**
 * In the saved protocol's report and no longer in the edited one's.
 */
removed: Array<Finding>, };

/**
 * Which file a report is saved as.
 */
export type ReportFormat = "html" | "csv";

/**
 * Which report.
 */
export type ReportKind = "week4" | "week8" | "now";

/**
 * A report the Progress screen offers.
 */
export type ReportOffer = { kind: ReportKind, label: string, 
/**
 * True once its weeks are over (the "so far" report is always ready).
 */
ready: boolean, 
/**
 * The day its weeks are over, while it is not ready yet.
 */
ready_on: string | null, };

/**
 * A backup to restore, and how.
 */
export type RestoreInput = { name: string, mode: RestoreMode, };

/**
 * How a backup is restored.
 */
export type RestoreMode = "merge" | "replace";

/**
 * What a restore did.
 */
export type RestoreOutcome = { 
/**
 * A merge's additions.
 */
merged: ImportResult | null, 
/**
 * The record was replaced: the app restarts now.
 */
restarting: boolean, };

/**
 * Input for `resume_after_pause`.
 */
export type ResumeInput = { 
/**
 * The user confirms that a clinician has cleared them to continue.
 */
cleared_by_clinician: boolean, };

/**
 * The safety questions as answered, as stored in each version and as the rules read them.
 */
export type SafetyAnswers = { age_band: AgeBand, sex: Sex, pregnancy: Pregnancy, kidney_disease: KidneyAnswer, medicines: Array<MedicineInput>, 
/**
 * The user takes antacids or laxatives that contain magnesium (reference §2: they count
 * toward the limit; §3: with kidney disease, a stop). Versions saved before it was asked
 * read as `false`; [`SafetyAnswers::takes_antacids`] counts their amount as a yes.
 */
takes_antacid_laxative: boolean, 
/**
 * Elemental mg a day from magnesium antacids or laxatives the user takes (counts toward the
 * UL); 0 when the amount is not known.
 */
antacid_laxative_mg: number, 
/**
 * Use the stricter European 250 mg limit.
 */
conservative_limit: boolean, 
/**
 * The wider windows of the UK leaflet (2–3 h from medicines in general, 3–4 h from iron
 * and bisphosphonates): a setting of its own, separate from `conservative_limit`.
 */
wider_windows: boolean, 
/**
 * What depletes magnesium, as the user names it (optional; reference §4c). Answers saved
 * before it was asked read as none.
 */
depletion: Array<DepletionFactor>, };

/**
 * The safety questions as the setup form sends them. Nothing is pre-filled (reference §3): age
 * band, sex, pregnancy, kidney disease and the antacid question are `None` (null) until the
 * user chooses, and `protocol::validate_safety` refuses one left unanswered with
 * `safety_unanswered`, naming its field.
 */
export type SafetyInput = { age_band: AgeBand | null, sex: Sex | null, 
/**
 * Asked only of women in a band where pregnancy applies; elsewhere `None` means no.
 */
pregnancy: Pregnancy | null, kidney_disease: KidneyAnswer | null, medicines: Array<MedicineInput>, 
/**
 * "Do you take antacids or laxatives that contain magnesium?", asked before the amount.
 * An input from before the question (the field absent) with an amount above 0 reads as
 * yes; without one, as unanswered.
 */
takes_antacid_laxative: boolean | null, 
/**
 * Elemental mg a day from magnesium antacids or laxatives the user takes (counts toward the
 * UL); 0 with a no, or with a yes whose amount is not known.
 */
antacid_laxative_mg: number, 
/**
 * Use the stricter European 250 mg limit.
 */
conservative_limit: boolean, 
/**
 * The UK leaflet's wider windows around medicines (see [`SafetyAnswers::wider_windows`]).
 */
wider_windows: boolean, 
/**
 * What depletes magnesium (optional; see [`SafetyAnswers::depletion`]).
 */
depletion: Array<DepletionFactor>, };

/**
 * What the safety rules say about a plan.
 */
export type SafetyReport = { 
/**
 * False when a supplement plan must not be built (kidney disease, under 1 year).
 */
supplement_allowed: boolean, rda_mg: number, 
/**
 * The supplemental limit in force (UL, or the conservative limit); `None` under 1 year.
 */
limit_mg: number | null, limit_source: Source, 
/**
 * Supplements plus declared antacids and laxatives, mg/day.
 */
supplemental_total_mg: number, 
/**
 * The largest single intake, mg.
 */
largest_dose_mg: number, findings: Array<Finding>, keep_apart: Array<KeepApart>, 
/**
 * Optional items not offered with these answers (potassium with kidney disease or a
 * potassium-sparing diuretic): the setup form leaves them out.
 */
withheld_items: Array<string>, };

/**
 * Input for `save_protocol`.
 */
export type SaveProtocolInput = { protocol: ProtocolInput, 
/**
 * Start a new course instead of editing the current one.
 */
new_course: boolean, };

/**
 * A file written where the user picked (`None`: the dialog was cancelled).
 */
export type SavedFile = { path: string | null, };

/**
 * A point of the score line.
 */
export type ScorePoint = { day: string, score: number, };

/**
 * One search result.
 */
export type SearchHit = { id: number, name: string, group: FoodGroup, mg_per_100g: number, 
/**
 * One of the hand-checked featured foods.
 */
featured: boolean, 
/**
 * Higher is better; only the order means anything.
 */
score: number, };

/**
 * Input for `search_foods`.
 */
export type SearchInput = { query: string, limit: number, };

/**
 * Turn the lock on (`current` null) or change its passphrase (`current` the present one).
 */
export type SetLockInput = { current: string | null, passphrase: string, 
/**
 * Minutes without use before the app locks (1 to 60).
 */
idle_minutes: number, };

/**
 * All preferences.
 */
export type Settings = { 
/**
 * "HH:MM": when a new day starts (default 04:00).
 */
day_start: string, time_zone: TimeZoneMode, reminders: ReminderSettings, 
/**
 * Foods to leave out of suggestions.
 */
food_exclusions: Array<Exclusion>, 
/**
 * The user's usual mineral water, mg magnesium per litre (from the bottle's label).
 */
water_mg_per_litre: number | null, 
/**
 * Light, dark, or as the system is (settings saved before this existed read as System).
 */
theme: Theme, 
/**
 * Warn (on Today and with a reminder) when the supply covers fewer than this many days
 * (1 to 60; settings saved before it existed read as 7).
 */
refill_warn_days: number, };

/**
 * What onboarding offers: templates, forms, age bands, medicine classes, symptoms, depletion
 * factors.
 */
export type SetupOptions = { templates: Array<TemplateInfo>, forms: Array<Form>, age_bands: Array<AgeBandOption>, medicine_classes: Array<Labelled<MedicineClass>>, symptoms: Array<Labelled<Symptom>>, 
/**
 * Signs of too much magnesium a check-in may report (`check_in` accepts exactly these).
 */
urgent_symptoms: Array<string>, disclaimer: string, default_length_days: number, default_window_minutes: number, 
/**
 * A starting protocol per template (same order as `templates`): the numbers the setup
 * form begins with come from the core, never from the UI. Its safety questions are left
 * unanswered (null): the user chooses each.
 */
drafts: Array<ProtocolInput>, today: string, 
/**
 * The Day 1 onboarding offers: today, except after midnight and before the day start,
 * when the day still running is nearly over and Day 1 is the one that begins at the day
 * start (the calendar date).
 */
first_day: string, 
/**
 * What depletes magnesium, asked optionally with the safety answers (reference §4c).
 */
depletion_factors: Array<Labelled<DepletionFactor>>, };

export type Sex = "female" | "male";

/**
 * Where a number or a rule comes from, shown to the user beside it.
 */
export type Source = { id: string, citation: string, };

/**
 * Count what is on hand, or add a refill.
 */
export type StockAction = "count" | "refill";

/**
 * A count or a refill as entered.
 */
export type StockInput = { action: StockAction, units: number, 
/**
 * What the product comes in (a count names it; a refill keeps the counted one).
 */
unit: StockUnit | null, };

/**
 * What the product comes in.
 */
export type StockUnit = "capsules" | "tablets" | "scoops" | "sachets" | "gummies";

/**
 * The supply as Today and the Protocol screen show it.
 */
export type StockView = { unit: StockUnit, 
/**
 * Units on hand (never below zero).
 */
on_hand: number, 
/**
 * More was taken than was counted: count again.
 */
short: boolean, 
/**
 * Units a day at the plan in force today.
 */
per_day: number, 
/**
 * Days from today whose doses are covered in full.
 */
days_left: number, 
/**
 * The first day not covered; `None` when the supply lasts the course.
 */
runs_out_on: string | null, 
/**
 * Fewer than `warn_days` days remain before the supply runs out during the course.
 */
low: boolean, warn_days: number, counted_on: string, 
/**
 * The first day that ended with nothing left, if one did.
 */
ran_out_on: string | null, 
/**
 * What is on hand and how long it lasts, in words: "42 capsules left: enough for 21
 * days", "...for the rest of the course", "Capsules: none left".
 */
line: string, 
/**
 * The units a day in words: "2 capsules", "1.5 scoops".
 */
per_day_text: string, };

/**
 * Current and best runs of kept days; skip days and an unfinished today freeze them.
 */
export type Streaks = { current: number, best: number, };

/**
 * One suggested serving.
 */
export type Suggestion = { food_id: number, name: string, group: FoodGroup, 
/**
 * "½ cup", or the user's usual amount ("50 g").
 */
label: string, grams: number, 
/**
 * Magnesium in this serving (USDA).
 */
mg: number, 
/**
 * The user's usual amount of a food they log often.
 */
usual: boolean, };

/**
 * The product and its dose plan as entered.
 */
export type SupplementInput = { 
/**
 * A form id from the reference table ("glycinate", "citrate", ...).
 */
form: string, 
/**
 * The product's name, for the user's eyes.
 */
product: string, amount_kind: AmountKind, 
/**
 * mg per unit, elemental or compound as `amount_kind` says.
 */
mg_per_unit: number, doses: Array<DoseInput>, 
/**
 * Minutes after a dose's time before it counts as missed.
 */
window_minutes: number, };

/**
 * A validated supplement plan.
 */
export type SupplementPlan = { form: string, form_name: string, product: string, amount_kind: AmountKind, mg_per_unit: number, 
/**
 * Elemental mg per unit (the conversion is shown when the label gave the compound weight).
 */
elemental_mg_per_unit: number, 
/**
 * How the elemental amount was derived, in words.
 */
assumption: string | null, doses: Array<DoseSpec>, window_minutes: number, daily_mg: number, };

/**
 * The symptoms a protocol can track, each rated 0 (none) to 10 (worst).
 */
export type Symptom = "cold_hands" | "cold_feet" | "numbness" | "tingling" | "nerve_pain" | "cramps" | "weakness" | "stress" | "poor_sleep" | "stomach";

/**
 * One symptom rating, 0 (none) to 10 (worst).
 */
export type SymptomPoint = { day: string, value: number, };

/**
 * A symptom over the course.
 */
export type SymptomSeries = { symptom: Symptom, label: string, 
/**
 * The first rating of the course (day 0 when recorded on the start day).
 */
baseline: SymptomPoint | null, 
/**
 * One point per day rated (the day's last rating).
 */
points: Array<SymptomPoint>, 
/**
 * The latest rating minus the baseline (negative is better).
 */
change: number | null, };

/**
 * A tracked symptom on a day.
 */
export type SymptomToday = { symptom: Symptom, label: string, 
/**
 * The day's last rating, 0 (none) to 10 (worst).
 */
value: number | null, };

/**
 * One symptom against its baseline.
 */
export type SymptomTrend = { symptom: Symptom, label: string, baseline: number | null, 
/**
 * The average of the ratings of the last seven days (the baseline day left out).
 */
recent_average: number | null, verdict: TrendVerdict, sentence: string, };

/**
 * A symptom's week: its average rating and the change from the baseline.
 */
export type SymptomWeek = { symptom: Symptom, average: number | null, change: number | null, };

/**
 * The folder to sync through; `None` stops syncing.
 */
export type SyncFolderInput = { folder: string | null, };

/**
 * The last sync of this session.
 */
export type SyncOutcome = { 
/**
 * When (RFC 3339).
 */
at: string, report: SyncReport | null, error: string | null, };

/**
 * One sync.
 */
export type SyncReport = { 
/**
 * This device's file.
 */
wrote: string, files: Array<FileSeen>, added: MergeStats, 
/**
 * Set when this device holds nothing yet and the folder holds more than one person's
 * record: whose record to follow is the user's choice, and nothing was joined.
 */
choices: Array<RecordChoice>, };

/**
 * One thing the user does on the checklist.
 */
export type Tap = { "type": "take_dose", slot: number, at: string | null, } | { "type": "skip_dose", slot: number, } | { "type": "undo_dose", slot: number, } | { "type": "snooze_dose", slot: number, minutes: number, } | { "type": "check", key: string, } | { "type": "uncheck", key: string, } | { "type": "count", key: string, delta: number, } | { "type": "note", item: string, text: string, } | { "type": "skip_day", reason: string, } | { "type": "unskip_day" } | { "type": "breathe", session: BreathingInput, } | { "type": "move", kind: MovementKind, minutes: number, };

/**
 * Input for `tap`.
 */
export type TapInput = { 
/**
 * "YYYY-MM-DD"; today when absent.
 */
day: string | null, tap: Tap, };

/**
 * The protocol templates from the two seed guides, and a blank one.
 */
export type Template = "circulation" | "nerve" | "custom";

/**
 * What a template brings.
 */
export type TemplateInfo = { id: Template, name: string, summary: string, default_form: string, default_times: Array<string>, 
/**
 * Elemental mg per day the template starts from (two doses of half).
 */
default_daily_mg: number, items: Array<ItemSpec>, 
/**
 * Optional items the user may add, each with its note.
 */
optional_items: Array<ItemSpec>, symptoms: Array<Symptom>, breathing_hint: string, };

/**
 * How the app looks: the system's light or dark appearance, or one of them always.
 */
export type Theme = "system" | "light" | "dark";

/**
 * Which clock dose times follow.
 */
export type TimeZoneMode = { "mode": "follow_device" } | { "mode": "keep_home", tz: string, };

/**
 * How a symptom compares with its baseline.
 */
export type TrendVerdict = "better" | "about_the_same" | "worse" | "not_enough";

/**
 * The passphrase that turns the lock off.
 */
export type TurnOffLockInput = { passphrase: string, };

/**
 * A passphrase to unlock with.
 */
export type UnlockInput = { passphrase: string, };

/**
 * The average change in hand warmth over sessions rated before and after.
 */
export type WarmthChange = { sessions: number, average_before: number, average_after: number, 
/**
 * After minus before (positive: warmer).
 */
average_change: number, };

/**
 * The current week of the course, explained.
 */
export type WeekGuide = { 
/**
 * 1-based week of the course.
 */
week: number, of_weeks: number, title: string, text: string, sources: Array<Source>, trends: Array<SymptomTrend>, disclaimer: string, };

/**
 * A week of the course.
 */
export type WeekProgress = { 
/**
 * 1-based.
 */
week: number, first: string, last: string, doses_taken: number, doses_planned: number, dose_adherence: number | null, all_adherence: number | null, 
/**
 * Days that counted (not skipped, not still open).
 */
days_counted: number, skipped_days: number, 
/**
 * Average food magnesium a day over the week's days so far, mg.
 */
food_mg_per_day: number | null, 
/**
 * Average supplement magnesium taken a day, mg.
 */
supplement_mg_per_day: number | null, symptoms: Array<SymptomWeek>, };

/** A failed command: its promise rejects with this. */
export type CommandError = ApiError;

/** Every command of the app, typed. */
export type Commands = {
  /** What onboarding offers: templates, forms, age bands, medicines, symptoms, the disclaimer. */
  getSetupOptions: () => Promise<SetupOptions>;
  /** The safety report and plan for a protocol, without saving it. */
  checkProtocol: (input: ProtocolInput) => Promise<ProtocolCheck>;
  /** Save a protocol (a new course, or a new version of the current one). */
  saveProtocol: (input: SaveProtocolInput) => Promise<ProtocolView>;
  /** The current protocol, or null before setup. */
  getProtocol: () => Promise<ProtocolView | null>;
  /** One day's checklist (today when no day is given). */
  getDay: (input: DayInput) => Promise<DayView>;
  /** Record a tap on a day's checklist and return the day. */
  tap: (input: TapInput) => Promise<DayView>;
  /** The user's settings. */
  getSettings: () => Promise<Settings>;
  /** Change the settings. */
  updateSettings: (input: Settings) => Promise<Settings>;
  /** Reminders on time in the last 14 days, and the latest ones. */
  getDeliveryReport: () => Promise<DeliveryReport>;
  /** Show a test reminder now, and return the delivery check with it recorded. */
  sendTestReminder: () => Promise<DeliveryReport>;
  /** Whether notifications may be shown, and how to allow them. */
  getNotificationPermission: () => Promise<PermissionView>;
  /** Ask for the notification permission (the system's prompt, where there is one). */
  requestNotificationPermission: () => Promise<PermissionView>;
  /** Whether Magday starts hidden at login on this device, and whether the one-time offer of */
  /** it was answered. */
  getAutostart: () => Promise<AutostartView>;
  /** Start Magday hidden at login, or stop doing so (this answers the one-time offer too). */
  /** Refused on phones (`autostart_unavailable`). */
  setAutostart: (input: AutostartInput) => Promise<AutostartView>;
  /** Progress over the current course: adherence, streaks, score, symptom trends, reports. */
  getProgress: () => Promise<ProgressView>;
  /** Record a symptom check-in and say what follows from it (an urgent sign pauses the plan: */
  /** phones drop their schedule at once). */
  checkIn: (input: CheckInInput) => Promise<CheckInResult>;
  /** End a safety pause once the user confirms a clinician has cleared them. */
  resumeAfterPause: (input: ResumeInput) => Promise<DayView>;
  /** Save a course report where the user picks (the system's save dialog). */
  exportReport: (input: ExportInput) => Promise<ExportResult>;
  /** Save the record's data for other programs (an event CSV, a FHIR R4 bundle, a calendar */
  /** of the dose times) where the user picks (the system's save dialog). */
  exportData: (input: DataExportInput) => Promise<ExportResult>;
  /** The Food screen for a day: food magnesium against the recommended intake, what was */
  /** logged, and suggestions that close the gap. */
  getFoodDay: (input: DayInput) => Promise<FoodDayView>;
  /** Search every food as you type. */
  searchFoods: (input: SearchInput) => Promise<Array<SearchHit>>;
  /** One food with its household portions. */
  getFood: (input: FoodIdInput) => Promise<Food>;
  /** The guides' featured servings, grouped. */
  getFeaturedFoods: () => Promise<Array<FeaturedCategory>>;
  /** Log an amount of a food for a day. */
  logFood: (input: LogFoodInput) => Promise<FoodDayView>;
  /** Log mineral water for a day. */
  logWater: (input: LogWaterInput) => Promise<FoodDayView>;
  /** What the guided breathing session offers, with the protocol's own pace. */
  getBreathingOptions: () => Promise<BreathingOptions>;
  /** Count the supply on hand, or add a refill; returns Today with the supply. */
  updateStock: (input: StockInput) => Promise<DayView>;
  /** Backups, this device, the sync folder and the devices seen. */
  getRecordStatus: () => Promise<RecordStatus>;
  /** A number that changes whenever a sync, an import or a restore changed the record (the */
  /** screens read it at start, then hear of each change as `record-changed`). */
  getRecordGeneration: () => Promise<number>;
  /** Back up now. */
  backUpNow: () => Promise<RecordStatus>;
  /** Save a copy of a backup where the user picks. */
  saveBackupCopy: (input: BackupName) => Promise<SavedFile>;
  /** Restore a backup: merged into the record (nothing lost), or replacing it (after a backup */
  /** of it; the app restarts). */
  restoreBackup: (input: RestoreInput) => Promise<RestoreOutcome>;
  /** Export the whole record (every entry, protocol version and setting) where the user picks. */
  exportRecord: () => Promise<SavedFile>;
  /** Import a record file the user picks: merged into this record (a backup first). */
  importRecord: () => Promise<ImportOutcome>;
  /** Sync through this folder (typed or pasted), or stop syncing; syncs at once. */
  setSyncFolder: (input: SyncFolderInput) => Promise<RecordStatus>;
  /** Choose the sync folder in the system's folder dialog; syncs at once. */
  chooseSyncFolder: () => Promise<RecordStatus>;
  /** Sync now. */
  syncNow: () => Promise<RecordStatus>;
  /** Set this device's record passphrase (exports and this device's sync file are sealed with */
  /** it; every device of the record needs the same), or none; syncs at once. */
  setRecordPassphrase: (input: RecordPassphraseInput) => Promise<RecordStatus>;
  /** The sync folder holds more than one person's record: follow the one named (or start a */
  /** record of this device's own), then sync. */
  followRecord: (input: FollowRecordInput) => Promise<RecordStatus>;
  /** Set when the app started on the recovery screen (the database could not be used). */
  getRecovery: () => Promise<RecoveryView | null>;
  /** On the recovery screen: restore a backup in place of the damaged record, or start with */
  /** an empty one; the app restarts. */
  recover: (input: RecoverInput) => Promise<boolean>;
  /** Take a logged food back. */
  removeFood: (input: RemoveFoodInput) => Promise<FoodDayView>;
  /** The app lock: on or off, locked or open, the wait after wrong tries. Answered while */
  /** locked. */
  getLockStatus: () => Promise<LockStatus>;
  /** Open the app with its passphrase (`wrong_passphrase`; `lock_wait` after 5 wrong tries). */
  /** Answered while locked. */
  unlock: (input: UnlockInput) => Promise<LockStatus>;
  /** Set a new passphrase with the one-time recovery code, and open the app; answers the next */
  /** recovery code. Answered while locked. */
  unlockWithRecovery: (input: RecoveryInput) => Promise<LockSetup>;
  /** Lock the app now. */
  lockNow: () => Promise<LockStatus>;
  /** Turn the app lock on (no current passphrase) or change its passphrase; answers the */
  /** one-time recovery code. */
  setLock: (input: SetLockInput) => Promise<LockSetup>;
  /** The minutes without use after which the app locks (1 to 60). */
  updateLock: (input: LockIdleInput) => Promise<LockStatus>;
  /** Turn the app lock off (needs its passphrase). */
  turnOffLock: (input: TurnOffLockInput) => Promise<LockStatus>;
  /** Save the recovery code as a text file where the user picks. */
  saveRecoveryCode: (input: RecoveryCodeInput) => Promise<SavedFile>;
  /** The user pressed a key or a pointer in the window: the idle time starts again. */
  noteActivity: () => Promise<boolean>;
};

/** The commands' names, as the shell knows them. */
export const COMMAND_NAMES = "get_setup_options check_protocol save_protocol get_protocol get_day tap get_settings update_settings get_delivery_report send_test_reminder get_notification_permission request_notification_permission get_autostart set_autostart get_progress check_in resume_after_pause export_report export_data get_food_day search_foods get_food get_featured_foods log_food log_water get_breathing_options update_stock get_record_status get_record_generation back_up_now save_backup_copy restore_backup export_record import_record set_sync_folder choose_sync_folder sync_now set_record_passphrase follow_record get_recovery recover remove_food get_lock_status unlock unlock_with_recovery lock_now set_lock update_lock turn_off_lock save_recovery_code note_activity".split(" ");

/** The commands, each calling `call` with its name and, when it takes one, `{ input }`: */
/** `commandsWith(invoke).getDay(input)` calls `get_day` with `{ input }`. */
export const commandsWith = (call: (name: string, args: Record<string, unknown>) => Promise<unknown>) =>
  Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      name.replace(/_(.)/g, (_, c: string) => c.toUpperCase()),
      (input?: unknown) => call(name, input === undefined ? {} : { input }),
    ]),
  ) as Commands;

/** Every command of the app. */
export const commands = commandsWith(invoke);
