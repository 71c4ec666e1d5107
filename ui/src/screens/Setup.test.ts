import "../test/ipc";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Setup from "./Setup.svelte";
import { answer, calls } from "../test/ipc";
import { answeredSafety, draftInput, protocolCheck, setupOptions } from "../test/fixtures";
import type { AgeBandOption, ProtocolCheck, ProtocolInput, ProtocolView, SetupOptions } from "../lib/bindings";

const stopSource = { id: "src", citation: "A source" };

/** Kidney disease as the core's rules read it: "not sure" counts as yes until answered. */
const kidneyStop = (i: ProtocolInput) => i.safety.kidney_disease === "yes" || i.safety.kidney_disease === "not_sure";

/**
 * The core for these tests: `options` for get_setup_options, `saved` for get_protocol (none: a
 * first setup), and a
 * check that refuses a supplement for kidney disease (yes or not sure) and for bands `options`
 * flags as infant (as the core does).
 */
function core(options: SetupOptions = setupOptions(), check?: (i: ProtocolInput) => ProtocolCheck, saved: ProtocolView | null = null) {
  const infant = (i: ProtocolInput) => options.age_bands.find((b) => b.id === i.safety.age_band)?.infant ?? false;
  const rules = (i: ProtocolInput) => {
    const allowed = !kidneyStop(i) && !infant(i);
    const c = protocolCheck(i, { supplement_allowed: allowed });
    if (!allowed) c.report.findings.unshift({ level: "stop", code: kidneyStop(i) ? "kidney_disease" : "infant", message: "Stop.", source: stopSource });
    return c;
  };
  answer((cmd, args) => {
    if (cmd === "get_setup_options") return options;
    if (cmd === "get_protocol") return saved;
    if (cmd === "check_protocol") return (check ?? rules)(args?.input as ProtocolInput);
    if (cmd === "save_protocol") return {};
    throw new Error(`unexpected command ${cmd}`);
  });
}

/** Every protocol the UI asked the core to check, oldest first. */
function checked(): ProtocolInput[] {
  return calls.filter((c) => c.cmd === "check_protocol").map((c) => c.args?.input as ProtocolInput);
}

function bands(over: Partial<Record<AgeBandOption["id"], Partial<AgeBandOption>>>): AgeBandOption[] {
  return setupOptions().age_bands.map((b) => ({ ...b, ...over[b.id] }));
}

const value = (testid: string) => (screen.getByTestId(testid) as HTMLInputElement).value;
const stepText = () => screen.getByTestId("setup-step").textContent;
const next = () => fireEvent.click(screen.getByTestId("setup-next"));
const back = () => fireEvent.click(screen.getByTestId("setup-back"));
const choose = (testid: string, v: string) => fireEvent.change(screen.getByTestId(testid), { target: { value: v } });
const checkedBox = (testid: string) => (screen.getByTestId(testid) as HTMLInputElement).checked;
const nextDisabled = () => (screen.getByTestId("setup-next") as HTMLButtonElement).disabled;

/** Answer every safety question as a woman aged 31–50, not pregnant, with `kidney`, no antacids. */
async function answerAll(kidney: "yes" | "no" | "not_sure" = "no") {
  await choose("age-band", "y31_50");
  await fireEvent.click(screen.getByTestId("sex-female"));
  await choose("pregnancy", "no");
  await fireEvent.click(screen.getByTestId(`kidney-${kidney}`));
  await fireEvent.click(screen.getByTestId("antacid-no"));
}

describe("Setup", () => {
  it("fills the form from the core's draft for the template", async () => {
    const o = setupOptions();
    o.drafts[0] = draftInput(o.templates[0], "2026-11-23", { length_days: 42, water_glasses: 6 });
    o.drafts[0].supplement = { form: "oxide", product: "", amount_kind: "elemental", mg_per_unit: 150, doses: [{ time: "07:30", units: 2 }], window_minutes: 90 };
    core(o);
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await answerAll();
    await next();
    await next();
    expect(stepText()).toBe("Step 3 of 5: Supplement");
    expect(value("form")).toBe("oxide");
    expect(value("mg-per-unit")).toBe("150");
    expect(value("units-per-dose")).toBe("2");
    expect(value("dose-time-0")).toBe("07:30");
    expect(screen.getByTestId("dose-count-1").getAttribute("aria-pressed")).toBe("true");
    expect(await screen.findByTestId("plan-summary")).toBeTruthy();
    await next();
    expect(value("start-date")).toBe("2026-11-23");
    expect(value("length")).toBe("42");
    expect(value("water-target")).toBe("6");
    // What the core checks is its own draft, unchanged but for the answers the user chose.
    await waitFor(() => expect(checked().at(-1)).toEqual({ ...o.drafts[0], safety: answeredSafety() }));
  });

  it("a new template brings its own draft and keeps the safety answers, start and length", async () => {
    const o = setupOptions();
    o.drafts[0] = draftInput(o.templates[0], "2026-11-23", { length_days: 42 });
    o.drafts[1] = draftInput(o.templates[1], "2026-11-21", { length_days: 28, water_glasses: 10 });
    o.drafts[1].supplement!.mg_per_unit = 50;
    o.drafts[1].supplement!.doses = [
      { time: "07:00", units: 1 },
      { time: "12:00", units: 1 },
      { time: "21:00", units: 1 },
    ];
    core(o);
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await choose("age-band", "y31_50");
    await fireEvent.click(screen.getByTestId("sex-male"));
    await fireEvent.click(screen.getByTestId("kidney-no"));
    await fireEvent.click(screen.getByTestId("antacid-no"));
    await next();
    await fireEvent.click(screen.getByTestId("template-nerve").querySelector("input")!);
    await next();
    expect(value("mg-per-unit")).toBe("50");
    expect(screen.getByTestId("dose-count-3").getAttribute("aria-pressed")).toBe("true");
    expect(value("dose-time-2")).toBe("21:00");
    await next();
    expect(value("start-date")).toBe("2026-11-23");
    expect(value("length")).toBe("42");
    expect(value("water-target")).toBe("10");
    expect(screen.getByTestId("opt-b6")).toBeTruthy();
    await back();
    await back();
    await back();
    expect((screen.getByTestId("sex-male") as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(checked().at(-1)?.template).toBe("nerve"));
    expect(checked().at(-1)?.safety.sex).toBe("male");
  });

  it("a band the core flags as infant stops the supplement plan at once", async () => {
    // A made-up flag on 1–3 years: the screen follows the core's flag, not the band's id.
    const o = setupOptions({ age_bands: bands({ y1_3: { infant: true } }) });
    core(o);
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    expect(screen.queryByTestId("stop-banner")).toBeNull();
    await choose("age-band", "y1_3");
    expect(screen.getByTestId("stop-banner").textContent).toContain("No safe upper limit is established under 1 year");
    await fireEvent.click(screen.getByTestId("sex-female"));
    await fireEvent.click(screen.getByTestId("kidney-no"));
    await fireEvent.click(screen.getByTestId("antacid-no"));
    await next();
    await next();
    expect(stepText()).toBe("Step 4 of 5: Your course");
    await back();
    expect(stepText()).toBe("Step 2 of 5: Template");
    await waitFor(() => expect(checked().at(-1)?.safety.age_band).toBe("y1_3"));
    expect(checked().filter((i) => i.safety.age_band === "y1_3" && i.supplement !== null)).toEqual([]);
    expect(screen.queryByTestId("stop-banner")).toBeNull(); // on the Template step now
  });

  it("the kidney answer stops the supplement plan before the core answers, and no supplement goes with it", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await answerAll("no");
    await waitFor(() => expect(checked().length).toBe(1));
    await fireEvent.click(screen.getByTestId("kidney-yes"));
    expect(checked().some((i) => kidneyStop(i))).toBe(false);
    expect(screen.getByTestId("stop-banner").textContent).toContain("With kidney disease");
    await next();
    await next();
    expect(stepText()).toBe("Step 4 of 5: Your course");
    await waitFor(() => expect(checked().at(-1)?.safety.kidney_disease).toBe("yes"));
    expect(checked().filter((i) => kidneyStop(i) && i.supplement !== null)).toEqual([]);
    // Answered no, the plan is back at once.
    await back();
    await back();
    await fireEvent.click(screen.getByTestId("kidney-no"));
    expect(screen.queryByTestId("stop-banner")).toBeNull();
    await next();
    await next();
    expect(stepText()).toBe("Step 3 of 5: Supplement");
  });

  it("not sure about the kidneys counts as yes: the stop banner says so, and there is no supplement step", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await answerAll("not_sure");
    // Before the core answers, the screen's own guess.
    expect(screen.getByTestId("stop-banner").textContent).toContain("Not sure counts as yes until you know");
    expect(nextDisabled()).toBe(false);
    await next();
    await next();
    expect(stepText()).toBe("Step 4 of 5: Your course");
    expect(screen.queryByTestId("mg-per-unit")).toBeNull();
    await waitFor(() => expect(checked().at(-1)?.safety.kidney_disease).toBe("not_sure"));
    expect(checked().filter((i) => i.supplement !== null)).toEqual([]);
    await back();
    expect(stepText()).toBe("Step 2 of 5: Template");
    await next();
    await next();
    await fireEvent.click(screen.getByTestId("save-protocol"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "save_protocol")).toBe(true));
    const saved = calls.find((c) => c.cmd === "save_protocol")?.args?.input as { protocol: ProtocolInput };
    expect(saved.protocol.safety.kidney_disease).toBe("not_sure");
    expect(saved.protocol.supplement).toBeNull();
  });

  it("a check that refuses any supplement hides the supplement plan, in the core's words", async () => {
    // A rule the screen does not know: the core allows no supplement from 51 years on.
    core(setupOptions(), (i) => {
      const allowed = i.safety.age_band !== "y51_plus";
      const c = protocolCheck(i, { supplement_allowed: allowed });
      if (!allowed) c.report.findings.unshift({ level: "stop", code: "made_up", message: "No supplement after 51 here.", source: stopSource });
      return c;
    });
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await answerAll();
    await choose("age-band", "y51_plus");
    expect((await screen.findByTestId("stop-banner")).textContent).toContain("No supplement after 51 here.");
    await next();
    await next();
    expect(stepText()).toBe("Step 4 of 5: Your course");
    await waitFor(() => expect(checked().at(-1)?.supplement).toBeNull());
    await next();
    await fireEvent.click(screen.getByTestId("save-protocol"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "save_protocol")).toBe(true));
    const saved = calls.find((c) => c.cmd === "save_protocol")?.args?.input as { protocol: ProtocolInput };
    expect(saved.protocol.supplement).toBeNull();
    expect(saved.protocol.safety.age_band).toBe("y51_plus");
  });

  it("the core's answer wins over the screen's guess once it has answered", async () => {
    // Say the core allowed a supplement with kidney disease (it does not today).
    core(setupOptions(), (i) => protocolCheck(i));
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await answerAll("yes");
    expect(screen.getByTestId("stop-banner")).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId("stop-banner")).toBeNull());
    await waitFor(() => expect(checked().at(-1)?.supplement).not.toBeNull());
  });

  it("checks each change once: an answer that changes nothing starts no new check", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await answerAll("no");
    await waitFor(() => expect(checked().length).toBe(1));
    await fireEvent.click(screen.getByTestId("kidney-yes"));
    await waitFor(() => expect(checked().length).toBe(2));
    await new Promise((r) => setTimeout(r, 500));
    expect(checked().length).toBe(2);
  });

  it("asks what can lower magnesium, optionally, and sends the factors ticked with the safety answers", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    const offered = [...screen.getByTestId("depletion").querySelectorAll("input")].map((i) => i.getAttribute("data-testid"));
    expect(offered).toEqual(["depletion-chronic_stress", "depletion-alcohol", "depletion-type2_diabetes"]);
    expect(screen.getByTestId("depletion").textContent).toContain("optional");
    await answerAll();
    await waitFor(() => expect(checked().at(-1)?.safety.depletion).toEqual([]));
    await fireEvent.click(screen.getByTestId("depletion-alcohol"));
    await fireEvent.click(screen.getByTestId("depletion-chronic_stress"));
    await waitFor(() => expect(checked().at(-1)?.safety.depletion).toEqual(["alcohol", "chronic_stress"]));
    await fireEvent.click(screen.getByTestId("depletion-alcohol"));
    await waitFor(() => expect(checked().at(-1)?.safety.depletion).toEqual(["chronic_stress"]));
    // Kept when the template changes, like the other safety answers; Next is not held back.
    await next();
    await fireEvent.click(screen.getByTestId("template-nerve").querySelector("input")!);
    await waitFor(() => expect(checked().at(-1)?.template).toBe("nerve"));
    expect(checked().at(-1)?.safety.depletion).toEqual(["chronic_stress"]);
  });

  it("sends the vitamin B6 a day from the course step, and keeps it across a template change", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await answerAll();
    await next();
    await next();
    await next();
    expect(stepText()).toBe("Step 4 of 5: Your course");
    await fireEvent.input(screen.getByTestId("b6-mg"), { target: { value: "30" } });
    await waitFor(() => expect(checked().at(-1)?.b6_mg_per_day).toBe(30));
    await back();
    await back();
    await fireEvent.click(screen.getByTestId("template-nerve").querySelector("input")!);
    await waitFor(() => expect(checked().at(-1)?.template).toBe("nerve"));
    expect(checked().at(-1)?.b6_mg_per_day).toBe(30);
  });

  it("asks about pregnancy only where the band's can_be_pregnant flag says so, and only of women", async () => {
    // A made-up flag on 9–13 years, and none on 31–50: the screen follows the flags.
    core(setupOptions({ age_bands: bands({ y9_13: { can_be_pregnant: true }, y31_50: { can_be_pregnant: false } }) }));
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await choose("age-band", "y31_50");
    await fireEvent.click(screen.getByTestId("sex-female"));
    await fireEvent.click(screen.getByTestId("kidney-no"));
    await fireEvent.click(screen.getByTestId("antacid-no"));
    expect(screen.queryByTestId("pregnancy")).toBeNull();
    expect(nextDisabled()).toBe(false);
    await choose("age-band", "y9_13");
    expect(screen.getByTestId("pregnancy")).toBeTruthy();
    // Asked, it must be answered: it starts unanswered.
    expect(nextDisabled()).toBe(true);
    expect(screen.getByTestId("unanswered").textContent).toContain("pregnancy or breastfeeding");
    await choose("pregnancy", "pregnant");
    await waitFor(() => expect(checked().at(-1)?.safety.pregnancy).toBe("pregnant"));
    await fireEvent.click(screen.getByTestId("sex-male"));
    expect(screen.queryByTestId("pregnancy")).toBeNull();
    // Where the question is not asked, the answer sent is "no".
    await waitFor(() => expect(checked().at(-1)?.safety.sex).toBe("male"));
    expect(checked().at(-1)?.safety.pregnancy).toBe("no");
  });

  it("nothing is pre-filled: Next stays off until every safety question is answered, and the core is not asked before", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    expect(value("age-band")).toBe("");
    expect(checkedBox("sex-female") || checkedBox("sex-male")).toBe(false);
    for (const k of ["yes", "no", "not_sure"]) expect(checkedBox(`kidney-${k}`)).toBe(false);
    expect(checkedBox("antacid-yes") || checkedBox("antacid-no")).toBe(false);
    expect(screen.queryByTestId("stop-banner")).toBeNull();
    const hint = () => screen.getByTestId("unanswered").textContent ?? "";
    expect(hint()).toContain("age, sex, kidney disease, antacids or laxatives");
    expect(nextDisabled()).toBe(true);
    await choose("age-band", "y31_50");
    expect(nextDisabled()).toBe(true);
    await fireEvent.click(screen.getByTestId("sex-female"));
    // A woman of 31–50 is asked about pregnancy too.
    expect(hint()).toContain("pregnancy or breastfeeding, kidney disease");
    expect(nextDisabled()).toBe(true);
    await choose("pregnancy", "no");
    expect(nextDisabled()).toBe(true);
    expect(hint()).toBe("To go on, answer: kidney disease, antacids or laxatives.");
    await fireEvent.click(screen.getByTestId("kidney-no"));
    expect(nextDisabled()).toBe(true);
    expect(hint()).toBe("To go on, answer: antacids or laxatives.");
    await new Promise((r) => setTimeout(r, 300));
    expect(checked()).toEqual([]);
    await fireEvent.click(screen.getByTestId("antacid-no"));
    expect(nextDisabled()).toBe(false);
    expect(hint().trim()).toBe("");
    await waitFor(() => expect(checked().length).toBe(1));
    expect(checked()[0].safety).toEqual(answeredSafety());
    // The kidney radios are one group, with its question as the legend.
    const radio = screen.getByTestId("kidney-not_sure") as HTMLInputElement;
    expect(radio.closest("fieldset")?.querySelector("legend")?.textContent).toContain("kidney disease");
    expect(screen.getByLabelText("Not sure")).toBe(radio);
  });

  it("editing a safety answer re-runs the rules and shows the findings it adds and removes before saving", async () => {
    const o = setupOptions();
    const input = draftInput(o.templates[1], "2026-11-21");
    input.safety = answeredSafety();
    const before = protocolCheck(input, {
      findings: [{ level: "info", code: "within_limit", message: "57% of the upper limit.", source: stopSource }],
    });
    const saved: ProtocolView = {
      version_id: 1,
      course_id: 1,
      effective_from: "2026-11-21",
      pending: false,
      spec: {
        template: "nerve",
        name: "Nerve and muscle recovery",
        safety: { age_band: "y31_50", sex: "female", pregnancy: "no", kidney_disease: "no", medicines: [], takes_antacid_laxative: false, antacid_laxative_mg: 0, conservative_limit: false, wider_windows: false, depletion: [] },
        supplement: before.plan,
        start_date: "2026-11-21",
        length_days: 56,
        items: o.templates[1].items,
        symptoms: ["numbness", "stomach"],
        rda_mg: 320,
        above_limit: null,
        b6_mg_per_day: null,
      },
      report: before.report,
      version_count: 1,
    };
    const kidneyFinding = { level: "stop" as const, code: "kidney_disease", message: "Not sure counts as yes until you know.", source: stopSource };
    core(
      o,
      (i) => {
        if (!kidneyStop(i)) return protocolCheck(i, before.report, { added: [], removed: [] });
        const c = protocolCheck(i, { supplement_allowed: false, findings: [kidneyFinding] });
        c.changes = { added: [kidneyFinding], removed: before.report.findings };
        return c;
      },
      saved,
    );
    render(Setup, { mode: "edit" });
    await screen.findByTestId("age-band");
    // The saved answers come back chosen.
    expect(value("age-band")).toBe("y31_50");
    expect(checkedBox("sex-female")).toBe(true);
    expect(checkedBox("kidney-no")).toBe(true);
    expect(nextDisabled()).toBe(false);
    await fireEvent.click(screen.getByTestId("kidney-not_sure"));
    expect(screen.getByTestId("stop-banner")).toBeTruthy();
    await waitFor(() => expect(checked().at(-1)?.safety.kidney_disease).toBe("not_sure"));
    await next();
    await next();
    expect(stepText()).toBe("Step 4 of 5: Your course");
    await next();
    const changes = await screen.findByTestId("changes");
    expect(changes.textContent).toContain("What changes from your saved protocol");
    expect(screen.getByTestId("added-kidney_disease").getAttribute("data-level")).toBe("stop");
    expect(screen.getByTestId("added-kidney_disease").textContent).toContain("Not sure counts as yes");
    expect(screen.getByTestId("removed-within_limit").textContent).toContain("57% of the upper limit.");
    expect(calls.some((c) => c.cmd === "save_protocol")).toBe(false);
    // Back to no: nothing changes against the saved protocol.
    for (let n = 0; n < 3; n++) await back();
    expect(stepText()).toBe("Step 1 of 5: About you");
    await fireEvent.click(screen.getByTestId("kidney-no"));
    await waitFor(() => expect(checked().at(-1)?.safety.kidney_disease).toBe("no"));
    for (let n = 0; n < 4; n++) await next();
    expect(stepText()).toBe("Step 5 of 5: Review");
    expect((await screen.findByTestId("no-changes")).textContent).toContain("stay as they are");
    expect(screen.queryByTestId("added-kidney_disease")).toBeNull();
  });

  it("starts a child's plan within the band's own limit, from the core's starting amount", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await answerAll();
    await waitFor(() => expect(checked().at(-1)?.supplement?.doses[0].units).toBe(1));
    await fireEvent.change(screen.getByTestId("age-band"), { target: { value: "y1_3" } });
    // 50 mg a day (the fixture's start for 1-3 years) in two doses of a 100 mg unit.
    await waitFor(() => expect(checked().at(-1)?.safety.age_band).toBe("y1_3"));
    expect(checked().at(-1)?.supplement?.doses.map((d) => d.units)).toEqual([0.25, 0.25]);
    // An adult band again: the template's own draft.
    await fireEvent.change(screen.getByTestId("age-band"), { target: { value: "y31_50" } });
    await waitFor(() => expect(checked().at(-1)?.safety.age_band).toBe("y31_50"));
    expect(checked().at(-1)?.supplement?.doses.map((d) => d.units)).toEqual([1, 1]);
  });
});

describe("Setup: medicines (issue 22.6)", () => {
  it("the medicine type starts unchosen and Add waits for a choice", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("medicine-class");
    expect(value("medicine-class")).toBe("");
    expect((screen.getByTestId("add-medicine") as HTMLButtonElement).disabled).toBe(true);
    await choose("medicine-class", "iron");
    expect((screen.getByTestId("add-medicine") as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.click(screen.getByTestId("add-medicine"));
    expect(screen.getByTestId("medicine-0").textContent).toContain("Iron supplement");
    expect(value("medicine-class")).toBe("");
  });

  it("asks whether Biktarvy and magnesium are taken with food where the core says so, and sends the answer", async () => {
    const options = setupOptions();
    core(options, (i) => {
      const c = protocolCheck(i);
      c.ask_with_food = i.safety.medicines.flatMap((m, n) => (/biktarvy/i.test(m.name) ? [n] : []));
      return c;
    });
    render(Setup, { mode: "first" });
    await screen.findByTestId("medicine-class");
    await answerAll();
    await choose("medicine-class", options.medicine_classes[options.medicine_classes.length - 1].id);
    await fireEvent.click(screen.getByTestId("add-medicine"));
    expect(screen.queryByTestId("medicine-0-with-food")).toBeNull();
    await fireEvent.input(screen.getByTestId("medicine-0-name"), { target: { value: "Biktarvy" } });
    const box = await screen.findByTestId("medicine-0-with-food", {}, { timeout: 2000 });
    await fireEvent.click(box);
    await waitFor(() => expect(checked().at(-1)?.safety.medicines[0].with_food).toBe(true));
  });
});
