import "../../test/ipc";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Course from "./Course.svelte";
import { draftInput, itemNotes, setupOptions } from "../../test/fixtures";
import type { Finding, TemplateInfo } from "../../lib/bindings";

function templateOf(id: TemplateInfo["id"]): TemplateInfo {
  const t = setupOptions().templates.find((x) => x.id === id);
  if (!t) throw new Error(`the fixture has the ${id} template`);
  return t;
}

const efsa = { id: "b6_efsa", citation: "EFSA Journal 2023;21(5):8006" };

describe("Course step", () => {
  it("offers the optional items, minus those the core withholds, and drops a withheld one already ticked", () => {
    const opts = setupOptions();
    const nerve = templateOf("nerve");
    const draft = draftInput(nerve, "2026-11-21", { optional_items: ["potassium", "b6"] });
    render(Course, { opts, draft, template: nerve, withheld: ["potassium"] });
    expect(screen.queryByTestId("opt-potassium")).toBeNull();
    expect(screen.queryByTestId("opt-potassium-note")).toBeNull();
    expect(screen.getByTestId("opt-b6")).toBeTruthy();
    expect(draft.optional_items).toEqual(["b6"]);
  });

  it("offers every optional item when nothing is withheld", () => {
    const opts = setupOptions();
    const nerve = templateOf("nerve");
    render(Course, { opts, draft: draftInput(nerve), template: nerve });
    expect(screen.getByTestId("opt-potassium")).toBeTruthy();
  });

  it("shows each optional item's note and source beside it, in the circulation template too", () => {
    const opts = setupOptions();
    const circulation = templateOf("circulation");
    render(Course, { opts, draft: draftInput(circulation), template: circulation });
    for (const key of ["b6", "potassium", "omega3", "b_complex", "topical"]) {
      expect(screen.getByTestId(`opt-${key}`)).toBeTruthy();
      expect(screen.getByTestId(`opt-${key}-note-text`).textContent).toBe(itemNotes[key].text);
      expect(screen.getByTestId(`opt-${key}-note-source`).textContent).toBe(itemNotes[key].citation);
    }
    expect(screen.getByTestId("opt-topical-note-text").textContent).toContain("never counts toward the supplement limit");
  });

  it("takes the vitamin B6 a day beside the B6 item: a number, or nothing when emptied", async () => {
    const opts = setupOptions();
    const nerve = templateOf("nerve");
    const draft = draftInput(nerve);
    render(Course, { opts, draft, template: nerve });
    const input = screen.getByTestId("b6-mg") as HTMLInputElement;
    expect(input.value).toBe("");
    // After the B6 item and its note, before the next item.
    const order = [...document.querySelectorAll("[data-testid]")].map((e) => e.getAttribute("data-testid"));
    expect(order.indexOf("b6-mg")).toBeGreaterThan(order.indexOf("opt-b6-note-source"));
    expect(order.indexOf("b6-mg")).toBeLessThan(order.indexOf("opt-potassium"));
    expect(screen.getByLabelText(/Vitamin B6 you take a day, B6 and B-complex together/)).toBe(input);
    await fireEvent.input(input, { target: { value: "25" } });
    expect(draft.b6_mg_per_day).toBe(25);
    await fireEvent.input(input, { target: { value: "" } });
    expect(draft.b6_mg_per_day).toBeNull();
  });

  it("shows the core's B6 finding under the amount, and nothing without one", () => {
    const opts = setupOptions();
    const nerve = templateOf("nerve");
    const warning: Finding = { level: "warning", code: "b6_above_efsa", message: "You take 25 mg of vitamin B6 a day: above the European upper limit of 12 mg.", source: efsa };
    const { unmount } = render(Course, { opts, draft: draftInput(nerve, "2026-11-21", { b6_mg_per_day: 25 }), template: nerve, findings: [warning] });
    const f = screen.getByTestId("b6-finding");
    expect(f.textContent).toBe(warning.message);
    expect(f.getAttribute("data-level")).toBe("warning");
    expect((screen.getByTestId("b6-mg") as HTMLInputElement).value).toBe("25");
    unmount();
    render(Course, { opts, draft: draftInput(nerve), template: nerve, findings: [{ ...warning, code: "rda", level: "info" }] });
    expect(screen.queryByTestId("b6-finding")).toBeNull();
  });
});
