// Issue 22, point 7 and "Ask, don't copy" on the setup screen: a new course asks pregnancy,
// kidney disease and antacids again (the last answers shown, not copied); antacids and
// laxatives are a yes/no question before the amount, with a converter from a compound's weight;
// a yes with kidney disease is the stop; the band's starting amount applies in every mode.
import "../test/ipc";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Setup from "./Setup.svelte";
import { answer, calls } from "../test/ipc";
import { protocolCheck, protocolView, setupOptions } from "../test/fixtures";
import type { ProtocolInput, ProtocolView } from "../lib/bindings";

/** The core: setup options, `saved` as the protocol saved now, and a check that passes all. */
function core(saved: ProtocolView | null = null) {
  answer((cmd, args) => {
    if (cmd === "get_setup_options") return setupOptions();
    if (cmd === "get_protocol") return saved;
    if (cmd === "check_protocol") {
      const i = args?.input as ProtocolInput;
      const stop = i.safety.kidney_disease === "yes" || i.safety.kidney_disease === "not_sure";
      return protocolCheck(i, { supplement_allowed: !stop });
    }
    if (cmd === "save_protocol") return {};
    throw new Error(`unexpected command ${cmd}`);
  });
}

/** Every protocol the UI asked the core to check, oldest first. */
const checked = (): ProtocolInput[] => calls.filter((c) => c.cmd === "check_protocol").map((c) => c.args?.input as ProtocolInput);
const value = (testid: string) => (screen.getByTestId(testid) as HTMLInputElement).value;
const isChecked = (testid: string) => (screen.getByTestId(testid) as HTMLInputElement).checked;
const choose = (testid: string, v: string) => fireEvent.change(screen.getByTestId(testid), { target: { value: v } });
const nextDisabled = () => (screen.getByTestId("setup-next") as HTMLButtonElement).disabled;
const hint = () => screen.getByTestId("unanswered").textContent ?? "";

/** A saved protocol of a breastfeeding woman of 31–50, no kidney disease, 40 mg of antacids a day. */
function savedView(): ProtocolView {
  const v = protocolView();
  v.spec.safety = { ...v.spec.safety, pregnancy: "lactating", kidney_disease: "no", takes_antacid_laxative: true, antacid_laxative_mg: 40 };
  return v;
}

describe("Setup: ask, don't copy", () => {
  it("a new course asks pregnancy, kidney disease and antacids again, showing the last course's answers", async () => {
    core(savedView());
    render(Setup, { mode: "new" });
    await screen.findByTestId("age-band");
    // Age and sex carry over; the three questions are asked again.
    expect(value("age-band")).toBe("y31_50");
    expect(isChecked("sex-female")).toBe(true);
    expect(value("pregnancy")).toBe("");
    for (const k of ["yes", "no", "not_sure"]) expect(isChecked(`kidney-${k}`)).toBe(false);
    expect(isChecked("antacid-yes") || isChecked("antacid-no")).toBe(false);
    // The last answers, as information.
    expect(screen.getByTestId("previous-pregnancy").textContent).toContain("Last course: Breastfeeding");
    expect(screen.getByTestId("previous-kidney").textContent).toContain("Last course: No");
    expect(screen.getByTestId("previous-antacid").textContent).toContain("Last course: yes, 40 mg a day");
    expect(nextDisabled()).toBe(true);
    expect(hint()).toBe("To go on, answer: pregnancy or breastfeeding, kidney disease, antacids or laxatives.");
    await new Promise((r) => setTimeout(r, 300));
    expect(checked()).toEqual([]);
    await choose("pregnancy", "no");
    await fireEvent.click(screen.getByTestId("kidney-no"));
    await fireEvent.click(screen.getByTestId("antacid-no"));
    expect(nextDisabled()).toBe(false);
    await waitFor(() => expect(checked().length).toBe(1));
    const s = checked()[0].safety;
    expect([s.pregnancy, s.kidney_disease, s.takes_antacid_laxative, s.antacid_laxative_mg]).toEqual(["no", "no", false, 0]);
  });

  it("an edit keeps the saved answers chosen, an amount of antacids as a yes, and shows no last-course notes", async () => {
    const v = savedView();
    v.spec.safety.takes_antacid_laxative = false; // saved before the yes/no question: the amount answers it
    core(v);
    render(Setup, { mode: "edit" });
    await screen.findByTestId("age-band");
    expect(value("pregnancy")).toBe("lactating");
    expect(isChecked("kidney-no")).toBe(true);
    expect(isChecked("antacid-yes")).toBe(true);
    expect(value("antacid")).toBe("40");
    expect(screen.queryByTestId("previous-kidney")).toBeNull();
    expect(nextDisabled()).toBe(false);
  });

  it("asks about antacids yes or no before the amount, and converts a compound's weight to elemental mg", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await choose("age-band", "y31_50");
    await fireEvent.click(screen.getByTestId("sex-male"));
    await fireEvent.click(screen.getByTestId("kidney-no"));
    // No amount to fill in before the question is answered, and Next waits for it.
    expect(screen.queryByTestId("antacid")).toBeNull();
    expect(nextDisabled()).toBe(true);
    expect(hint()).toBe("To go on, answer: antacids or laxatives.");
    await fireEvent.click(screen.getByTestId("antacid-yes"));
    expect(nextDisabled()).toBe(false);
    expect(value("antacid")).toBe("0");
    await waitFor(() => expect(checked().at(-1)?.safety.takes_antacid_laxative).toBe(true));
    // Magnesium oxide 400 mg, twice a day: 60.3% elemental (the core's form table).
    await choose("antacid-form", "oxide");
    await fireEvent.input(screen.getByTestId("antacid-compound-mg"), { target: { value: "400" } });
    await fireEvent.input(screen.getByTestId("antacid-per-day"), { target: { value: "2" } });
    expect(screen.getByTestId("antacid-elemental").textContent).toContain("= 482.4 mg of magnesium a day");
    await fireEvent.click(screen.getByTestId("antacid-use"));
    expect(value("antacid")).toBe("482.4");
    await waitFor(() => expect(checked().at(-1)?.safety.antacid_laxative_mg).toBe(482.4));
    // A no sends no amount, and hides it.
    await fireEvent.click(screen.getByTestId("antacid-no"));
    expect(screen.queryByTestId("antacid")).toBeNull();
    await waitFor(() => expect(checked().at(-1)?.safety.takes_antacid_laxative).toBe(false));
    expect(checked().at(-1)?.safety.antacid_laxative_mg).toBe(0);
  });

  it("a yes to antacids with kidney disease (yes or not sure) is the stop, said at once", async () => {
    core();
    render(Setup, { mode: "first" });
    await screen.findByTestId("age-band");
    await choose("age-band", "y31_50");
    await fireEvent.click(screen.getByTestId("sex-male"));
    await fireEvent.click(screen.getByTestId("kidney-not_sure"));
    await fireEvent.click(screen.getByTestId("antacid-no"));
    expect(screen.queryByTestId("stop-antacid")).toBeNull();
    await fireEvent.click(screen.getByTestId("antacid-yes"));
    expect(screen.getByTestId("stop-antacid").textContent).toContain("antacids and laxatives");
    await waitFor(() => expect(checked().at(-1)?.safety.takes_antacid_laxative).toBe(true));
    expect(checked().at(-1)?.supplement).toBeNull();
  });
});

describe("Setup: the band's starting amount in every mode", () => {
  it.each(["edit", "new"] as const)("%s: a child's band starts the plan within the child's limit; an adult band brings the saved amount back", async (mode) => {
    core(protocolView()); // 2 × 100 mg elemental, a woman of 31–50
    render(Setup, { mode });
    await screen.findByTestId("age-band");
    if (mode === "new") {
      await choose("pregnancy", "no");
      await fireEvent.click(screen.getByTestId("kidney-no"));
      await fireEvent.click(screen.getByTestId("antacid-no"));
    }
    await waitFor(() => expect(checked().at(-1)?.supplement?.doses.map((d) => d.units)).toEqual([1, 1]));
    await choose("age-band", "y1_3");
    // 50 mg a day (the fixture's start for 1–3 years) in two doses of a 100 mg unit.
    await waitFor(() => expect(checked().at(-1)?.safety.age_band).toBe("y1_3"));
    expect(checked().at(-1)?.supplement?.doses.map((d) => d.units)).toEqual([0.25, 0.25]);
    await choose("age-band", "y31_50");
    await waitFor(() => expect(checked().at(-1)?.safety.age_band).toBe("y31_50"));
    expect(checked().at(-1)?.supplement?.doses.map((d) => d.units)).toEqual([1, 1]);
  });

  it("a plan whose label gives the compound's weight starts at the child's amount of elemental magnesium", async () => {
    const v = protocolView();
    v.spec.supplement = { ...v.spec.supplement!, form: "oxide", amount_kind: "compound", mg_per_unit: 200 };
    core(v);
    render(Setup, { mode: "edit" });
    await screen.findByTestId("age-band");
    await choose("age-band", "y4_8");
    await waitFor(() => expect(checked().at(-1)?.safety.age_band).toBe("y4_8"));
    // 85 mg a day (the fixture's start for 4–8 years) of oxide at 60.3%: 2 doses of 200 mg compound units.
    const units = checked().at(-1)?.supplement?.doses[0].units ?? 0;
    expect(units * 2 * 200 * 0.603).toBeCloseTo(85, 5);
  });
});
