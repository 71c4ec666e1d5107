import "../test/ipc";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Food from "./Food.svelte";
import { answer, calls } from "../test/ipc";
import { refresh } from "../lib/refresh.svelte";
import { foodDayView } from "../test/fixtures";

const view = foodDayView;

const spinach = {
  id: 11458,
  name: "Spinach, cooked, boiled, drained, without salt",
  group: "leafy_greens",
  usda_group_code: 11,
  mg_per_100g: 87,
  portions: [{ label: "1 cup", grams: 180 }],
};

describe("Food", () => {
  it("shows the day's food against the recommended intake, supplements beside", async () => {
    answer(() => view());
    render(Food, { day: null });
    expect((await screen.findByTestId("food-total")).textContent).toBe("120 mg");
    expect(screen.getByTestId("food-gap").textContent).toContain("200 mg to go");
    expect(screen.getByTestId("food-supplement").textContent).toContain("With supplements taken (100 mg): 220 mg in all");
    expect(screen.getByTestId("suggestion-16015").textContent).toContain("your usual");
    expect(screen.getByTestId("entry-7").textContent).toContain("Pumpkin seeds");
  });

  it("searches as you type and logs a portion times a quantity", async () => {
    answer((cmd) => {
      if (cmd === "search_foods") return [{ id: 11458, name: spinach.name, group: "leafy_greens", mg_per_100g: 87, featured: true, score: 1 }];
      if (cmd === "get_food") return spinach;
      if (cmd === "log_food") return view({ food_mg: 433.2 });
      return view();
    });
    render(Food, { day: null });
    await fireEvent.input(await screen.findByTestId("food-search"), { target: { value: "spin" } });
    await fireEvent.click(await screen.findByTestId("search-result-11458"));
    await fireEvent.input(await screen.findByTestId("quantity"), { target: { value: "2" } });
    expect(screen.getByTestId("selected-mg").textContent).toBe("313.2 mg of magnesium");
    await fireEvent.click(screen.getByTestId("log-selected"));
    await waitFor(() => expect(screen.getByTestId("food-total").textContent).toBe("433.2 mg"));
    const logged = calls.find((c) => c.cmd === "log_food");
    expect(logged?.args).toEqual({ input: { day: null, food_id: 11458, grams: 360, label: "2 × 1 cup" } });
  });

  it("logs a suggestion and removes an entry", async () => {
    answer((cmd) => (cmd === "remove_food" ? view({ entries: [], food_mg: 0 }) : view()));
    render(Food, { day: null });
    await fireEvent.click(await screen.findByTestId("suggestion-log-11458"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "log_food")).toBe(true));
    expect(calls.find((c) => c.cmd === "log_food")?.args).toEqual({
      input: { day: null, food_id: 11458, grams: 180, label: "1 cup" },
    });
    await fireEvent.click(screen.getByTestId("entry-remove-7"));
    await waitFor(() => expect(screen.getByTestId("food-total").textContent).toBe("0 mg"));
  });

  it("shows a refusal", async () => {
    answer((cmd) => {
      if (cmd === "log_water") throw { code: "invalid_mg_per_litre", message: "Enter the magnesium on the bottle's label.", field: "mg_per_litre" };
      return view();
    });
    render(Food, { day: null });
    await fireEvent.click(await screen.findByTestId("log-water"));
    expect((await screen.findByTestId("food-error")).textContent).toContain("bottle's label");
  });

  it("with kidney disease a high-magnesium water is a stop, with its source", async () => {
    answer(() =>
      view({
        water_mg_per_litre: 110,
        kidney_water: {
          level: "stop",
          code: "kidney_water",
          message: "With kidney disease, a mineral water with 110 mg/L of magnesium adds magnesium your kidneys may not clear.",
          source: { id: "kidney", citation: "IOM 1997" },
        },
      }),
    );
    render(Food, { day: null });
    const stop = await screen.findByTestId("kidney-water");
    expect(stop.getAttribute("role")).toBe("alert");
    expect(stop.getAttribute("data-level")).toBe("stop");
    expect(stop.textContent).toContain("110 mg/L");
    expect(stop.textContent).toContain("IOM 1997");
  });
});

describe("Food when the record changed elsewhere", () => {
  it("loads the day once, then again with what another device logged", async () => {
    let day = view();
    answer((cmd) => (cmd === "get_food_day" ? day : []));
    render(Food, { day: null });
    expect((await screen.findByTestId("food-total")).textContent).toBe("120 mg");
    expect(calls.filter((c) => c.cmd === "get_food_day")).toHaveLength(1);
    day = view({ food_mg: 240 });
    refresh.bump();
    await waitFor(() => expect(screen.getByTestId("food-total").textContent).toBe("240 mg"));
    expect(calls.filter((c) => c.cmd === "get_food_day")).toHaveLength(2);
  });
  it("before the course starts offers nothing to log and says when it starts", async () => {
    answer((cmd) =>
      cmd === "get_food_day"
        ? view({ suggestions: [], not_recordable: "Your course starts on 22 November 2026: nothing is recorded for the days before it." })
        : [],
    );
    render(Food, { day: null });
    expect((await screen.findByTestId("food-not-recordable")).textContent).toContain("Your course starts on 22 November 2026");
    expect(screen.queryByTestId("suggestions")).toBeNull();
    expect(screen.queryAllByRole("button", { name: /^Log .* of / })).toHaveLength(0);
  });
});
