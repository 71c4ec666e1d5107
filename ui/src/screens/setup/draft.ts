// The setup form's draft: where it starts (a template, or the saved protocol), which safety
// questions are still unanswered, and which step each of its fields belongs to. Pure functions,
// so the steps and the tests share them.
import type { ProtocolInput, ProtocolSpec, SafetyAnswers, SafetyInput, SetupOptions, SupplementInput, Template } from "../../lib/bindings";

export const steps = ["About you", "Template", "Supplement", "Your course", "Review"];

/**
 * The draft for template `t`: the starting protocol the core sends for it (form, strength, doses,
 * course length, water, window, and the safety questions unanswered: nothing is pre-filled).
 * `keep` carries the user's safety answers, start, length and vitamin B6 a day over when they
 * switch template.
 */
export function fromTemplate(t: Template, o: SetupOptions, keep?: ProtocolInput): ProtocolInput {
  const draft = structuredClone(o.drafts.find((d) => d.template === t) ?? o.drafts[0]);
  if (keep) {
    draft.safety = keep.safety;
    draft.start_date = keep.start_date;
    draft.length_days = keep.length_days;
    draft.b6_mg_per_day = keep.b6_mg_per_day;
  }
  return draft;
}

/**
 * The saved answers as the form holds them. An edit keeps every answer chosen (an amount of
 * antacids saved before the yes/no question counts as a yes). A new course asks again rather
 * than copies: pregnancy, kidney disease and antacids start unchosen (the form shows the last
 * course's answers beside them as information).
 */
export function savedSafety(s: SafetyAnswers, newCourse: boolean): SafetyInput {
  const safety: SafetyInput = { ...structuredClone(s), takes_antacid_laxative: s.takes_antacid_laxative || s.antacid_laxative_mg > 0 };
  if (newCourse) {
    safety.pregnancy = null;
    safety.kidney_disease = null;
    safety.takes_antacid_laxative = null;
  }
  return safety;
}

/** The draft for editing a saved protocol, or for a new course after it (starting on Day 1). */
export function fromSpec(spec: ProtocolSpec, o: SetupOptions, newCourse: boolean): ProtocolInput {
  const info = o.templates.find((x) => x.id === spec.template) ?? o.templates[0];
  const keys = spec.items.map((i) => i.key);
  const water = spec.items.find((i) => i.kind.type === "count");
  const p = spec.supplement;
  return {
    template: spec.template,
    name: spec.name,
    safety: savedSafety(spec.safety, newCourse),
    supplement: p
      ? {
          form: p.form,
          product: p.product,
          amount_kind: p.amount_kind,
          mg_per_unit: p.mg_per_unit,
          doses: p.doses.map((d) => ({ time: d.time, units: d.units })),
          window_minutes: p.window_minutes,
        }
      : fromTemplate(spec.template, o).supplement,
    start_date: newCourse ? o.first_day : spec.start_date,
    length_days: spec.length_days,
    water_glasses: water && water.kind.type === "count" ? water.kind.target : 0,
    items_off: info.items.filter((i) => !keys.includes(i.key)).map((i) => i.key),
    optional_items: info.optional_items.filter((i) => keys.includes(i.key)).map((i) => i.key),
    custom_items: spec.items.filter((i) => i.key.startsWith("custom:")).map((i) => i.label),
    symptoms: spec.symptoms,
    acknowledge_above_limit: false,
    b6_mg_per_day: spec.b6_mg_per_day ?? null,
  };
}

/** The step whose answers a field belongs to (the core names the field of every refusal). */
export function stepOf(field: string | null): number {
  if (!field || field.startsWith("safety")) return 0;
  if (field === "template" || field === "name") return 1;
  if (field.startsWith("supplement")) return 2;
  return 3;
}

/**
 * The safety questions not answered yet, in the form's order, as the form names them: age, sex,
 * pregnancy (only when `pregnancyAsked`), kidney disease and antacids or laxatives. Each must be
 * chosen before "Next" (the core refuses an unanswered one with `safety_unanswered`).
 */
export function unanswered(s: SafetyInput, pregnancyAsked: boolean): string[] {
  const missing: string[] = [];
  if (s.age_band === null) missing.push("age");
  if (s.sex === null) missing.push("sex");
  if (pregnancyAsked && s.pregnancy === null) missing.push("pregnancy or breastfeeding");
  if (s.kidney_disease === null) missing.push("kidney disease");
  if (s.takes_antacid_laxative === null || s.takes_antacid_laxative === undefined) missing.push("antacids or laxatives");
  return missing;
}

/** Elemental magnesium from a compound's weight (reference §5): `compoundMg` × the form's percent × `perDay`, to 0.1 mg. */
export function toElemental(compoundMg: number, percent: number, perDay = 1): number {
  return Math.round(compoundMg * (percent / 100) * perDay * 10) / 10;
}

/** Elemental mg in one unit of the supplement: as the label states it, or converted from the compound's weight. */
export function elementalPerUnit(s: SupplementInput, o: SetupOptions): number {
  if (s.amount_kind === "elemental") return s.mg_per_unit;
  const form = o.forms.find((f) => f.id === s.form);
  return form ? (s.mg_per_unit * form.elemental_percent) / 100 : 0;
}
