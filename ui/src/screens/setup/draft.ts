// The setup form's draft: where it starts (a template, or the saved protocol), which safety
// questions are still unanswered, and which step each of its fields belongs to. Pure functions,
// so the steps and the tests share them.
import type { ProtocolInput, ProtocolSpec, SafetyInput, SetupOptions, Template } from "../../lib/bindings";

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

/** The draft for editing a saved protocol, or for a new course after it (starting on Day 1). */
export function fromSpec(spec: ProtocolSpec, o: SetupOptions, newCourse: boolean): ProtocolInput {
  const info = o.templates.find((x) => x.id === spec.template) ?? o.templates[0];
  const keys = spec.items.map((i) => i.key);
  const water = spec.items.find((i) => i.kind.type === "count");
  const p = spec.supplement;
  return {
    template: spec.template,
    name: spec.name,
    safety: structuredClone(spec.safety),
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
 * pregnancy (only when `pregnancyAsked`) and kidney disease. Each must be chosen before "Next"
 * (the core refuses an unanswered one with `safety_unanswered`).
 */
export function unanswered(s: SafetyInput, pregnancyAsked: boolean): string[] {
  const missing: string[] = [];
  if (s.age_band === null) missing.push("age");
  if (s.sex === null) missing.push("sex");
  if (pregnancyAsked && s.pregnancy === null) missing.push("pregnancy or breastfeeding");
  if (s.kidney_disease === null) missing.push("kidney disease");
  return missing;
}
