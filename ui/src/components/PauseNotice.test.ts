// Issue 22.5: the safety pause shows on every screen, not only Today; with trouble breathing
// among the signs, Breathing shows the seek-care text instead of a session.
import "../test/ipc";
import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Breathing from "../screens/Breathing.svelte";
import Food from "../screens/Food.svelte";
import Progress from "../screens/Progress.svelte";
import { answer } from "../test/ipc";
import { breathingOptions, foodDayView, progressView } from "../test/fixtures";
import type { PauseView } from "../lib/bindings";

const pause: PauseView = {
  since: "2026-11-21T09:00:00+01:00",
  day: "2026-11-21",
  signs: ["trouble breathing"],
  message: "Magnesium is paused: on 21 November you reported trouble breathing. Do not take magnesium, and seek medical care now.",
  source: { id: "toxicity", citation: "ODS toxicity" },
};


describe("the safety pause on every screen", () => {
  it("Progress shows it, and nothing when there is none", async () => {
    answer(() => progressView({ safety_pause: pause }));
    const { unmount } = render(Progress);
    expect((await screen.findByTestId("pause-notice")).textContent).toContain("Do not take magnesium");
    unmount();
    answer(() => progressView());
    render(Progress);
    await screen.findByText("Progress");
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId("pause-notice")).toBeNull();
  });

  it("Food shows it", async () => {
    answer(() => foodDayView({ safety_pause: pause }));
    render(Food, { day: null });
    expect((await screen.findByTestId("pause-notice")).getAttribute("role")).toBe("alert");
  });

  it("Breathing shows it, and with trouble breathing the seek-care text instead of a session", async () => {
    answer(() => breathingOptions({ safety_pause: pause, seek_care: "You reported trouble breathing: seek medical care now." }));
    render(Breathing);
    expect((await screen.findByTestId("breathing-seek-care")).textContent).toContain("seek medical care");
    expect(screen.getByTestId("pause-notice")).toBeTruthy();
    expect(screen.queryByTestId("breathing-start")).toBeNull();
  });

  it("Breathing still offers its session during a pause for another sign", async () => {
    answer(() => breathingOptions({ safety_pause: { ...pause, signs: ["confusion"] }, seek_care: null }));
    render(Breathing);
    expect(await screen.findByTestId("breathing-start")).toBeTruthy();
    expect(screen.getByTestId("pause-notice")).toBeTruthy();
  });
});
