import "../../test/ipc";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Medicines from "./Medicines.svelte";
import { draftInput, setupOptions } from "../../test/fixtures";

describe("Medicines", () => {
  it("takes every time of day a medicine is taken, a window for another medicine, and the wider windows", async () => {
    const opts = setupOptions();
    const safety = draftInput(opts.templates[0]).safety;
    safety.medicines = [{ class: "other", name: "my tablet", time: "08:00", more_times: ["14:00"], window_min: null }];
    render(Medicines, { opts, safety });
    await fireEvent.click(screen.getByTestId("medicine-0-add-time"));
    expect(safety.medicines[0].more_times).toEqual(["14:00", "08:00"]);
    const second = screen.getByTestId("medicine-0-time-2") as HTMLInputElement;
    await fireEvent.input(second, { target: { value: "20:00" } });
    expect(safety.medicines[0].more_times[0]).toBe("20:00");
    const w = screen.getByTestId("medicine-0-window") as HTMLInputElement;
    expect(w.placeholder).toBe("120");
    await fireEvent.input(w, { target: { value: "90" } });
    expect(safety.medicines[0].window_min).toBe(90);
    await fireEvent.click(screen.getByTestId("wider-windows"));
    expect(safety.wider_windows).toBe(true);
  });

  it("asks no window for a class with its own rule, and no second time before a first", () => {
    const opts = setupOptions();
    const safety = draftInput(opts.templates[0]).safety;
    safety.medicines = [{ class: "quinolone", name: "Ciprofloxacin", time: null, more_times: [], window_min: null }];
    render(Medicines, { opts, safety });
    expect(screen.queryByTestId("medicine-0-window")).toBeNull();
    expect(screen.queryByTestId("medicine-0-add-time")).toBeNull();
  });
});
