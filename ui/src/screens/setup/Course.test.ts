import "../../test/ipc";
import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Course from "./Course.svelte";
import { draftInput, setupOptions } from "../../test/fixtures";

describe("Course step", () => {
  it("offers the optional items, minus those the core withholds, and drops a withheld one already ticked", () => {
    const opts = setupOptions();
    const nerve = opts.templates.find((t) => t.id === "nerve");
    if (!nerve) throw new Error("the fixture has the nerve template");
    const draft = draftInput(nerve, "2026-11-21", { optional_items: ["potassium", "b6"] });
    render(Course, { opts, draft, template: nerve, withheld: ["potassium"] });
    expect(screen.queryByTestId("opt-potassium")).toBeNull();
    expect(screen.getByTestId("opt-b6")).toBeTruthy();
    expect(draft.optional_items).toEqual(["b6"]);
  });

  it("offers every optional item when nothing is withheld", () => {
    const opts = setupOptions();
    const nerve = opts.templates.find((t) => t.id === "nerve");
    if (!nerve) throw new Error("the fixture has the nerve template");
    render(Course, { opts, draft: draftInput(nerve), template: nerve });
    expect(screen.getByTestId("opt-potassium")).toBeTruthy();
  });
});
