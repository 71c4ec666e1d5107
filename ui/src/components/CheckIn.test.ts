import "../test/ipc";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import CheckIn from "./CheckIn.svelte";
import Today from "../screens/Today.svelte";
import { answer, calls } from "../test/ipc";
import { dayView } from "../test/fixtures";
import type { CheckInResult, DayView, Finding } from "../lib/bindings";

// The core's list (facts::URGENT_SYMPTOMS), as get_setup_options gives it.
const URGENT = [
  "low blood pressure or feeling faint",
  "nausea and vomiting",
  "flushing",
  "muscle weakness",
  "trouble breathing",
  "irregular heartbeat",
  "confusion",
  "lethargy",
];

function recorded(v: DayView, values: Record<string, number>): DayView {
  return {
    ...v,
    checked_in: true,
    symptoms: v.symptoms.map((s) => ({ ...s, value: values[s.symptom] ?? s.value })),
  };
}

function serve(result: (input: { ratings: { symptom: string; value: number }[] }) => CheckInResult) {
  answer((cmd, args) => {
    if (cmd === "get_setup_options") return { urgent_symptoms: URGENT };
    if (cmd === "check_in") return result((args as { input: { ratings: { symptom: string; value: number }[] } }).input);
    if (cmd === "get_day") return dayView();
    if (cmd === "get_notification_permission") return { state: "granted", platform: "desktop", help: "" };
    return { reminders: { snooze_min: 10 } };
  });
}

function show(view: DayView) {
  // As Today does: the saved day comes back as the view shown.
  const r = render(CheckIn, { view, onsaved: (v: DayView) => r.rerender({ view: v }) });
  return r;
}

const stop: Finding = {
  level: "stop",
  code: "seek_care",
  message:
    "Stop taking magnesium and seek medical care now (irregular heartbeat). These can be signs of too much magnesium; if it feels severe, call emergency services.",
  source: { id: "toxicity", citation: "NIH ODS" },
};

describe("CheckIn", () => {
  it("offers one 0-10 control per tracked symptom, unrated until touched", async () => {
    serve(() => ({ day: dayView(), advice: [] }));
    show(dayView());
    expect(screen.getByTestId("checkin-title").textContent).toBe("How are you today?");
    expect(screen.getByTestId("rate-cold_hands-value").textContent).toBe("not rated");
    expect(screen.getByLabelText("Cold hands, 0 none to 10 worst")).toBeTruthy();
    expect(screen.getByLabelText("Stomach upset or loose stools, 0 none to 10 worst")).toBeTruthy();
    expect(screen.getByTestId("rate-cold_hands").textContent).toContain("0 none");
    expect(screen.getByTestId("rate-cold_hands").textContent).toContain("10 worst");
    await fireEvent.click(screen.getByTestId("rate-cold_hands-plus"));
    expect(screen.getByTestId("rate-cold_hands-value").textContent).toBe("1 of 10");
    await fireEvent.click(screen.getByTestId("rate-cold_hands-minus"));
    expect(screen.getByTestId("rate-cold_hands-value").textContent).toBe("0 of 10");
    expect((screen.getByTestId("rate-cold_hands-minus") as HTMLButtonElement).disabled).toBe(true);
  });

  it("lists exactly the core's urgent signs, collapsed", async () => {
    serve(() => ({ day: dayView(), advice: [] }));
    show(dayView());
    await waitFor(() => expect(screen.getAllByTestId("urgent-sign").length).toBe(URGENT.length));
    expect(screen.getAllByTestId("urgent-sign").map((e) => (e as HTMLInputElement).value)).toEqual(URGENT);
    expect((screen.getByTestId("urgent-list") as HTMLDetailsElement).open).toBe(false);
    expect(screen.getByText("Any of these now?")).toBeTruthy();
  });

  it("sends the ratings given, for the day shown, and says it is recorded", async () => {
    const v = dayView();
    serve((input) => ({
      day: recorded(v, Object.fromEntries(input.ratings.map((r) => [r.symptom, r.value]))),
      advice: [],
    }));
    show(v);
    await fireEvent.input(screen.getByTestId("rate-cold_hands-input"), { target: { value: "6" } });
    await fireEvent.input(screen.getByTestId("checkin-note"), { target: { value: "  cold morning  " } });
    await fireEvent.click(screen.getByTestId("checkin-save"));
    await screen.findByTestId("checkin-recorded");
    expect(calls.find((c) => c.cmd === "check_in")?.args).toEqual({
      input: { day: "2026-11-21", ratings: [{ symptom: "cold_hands", value: 6 }], urgent: [], note: "cold morning" },
    });
    expect(screen.getByTestId("checkin-recorded").textContent).toContain("Today's check-in is recorded");
    expect(screen.getByTestId("checkin-value-cold_hands").textContent).toBe("Cold hands: 6 of 10");
    expect(screen.queryByTestId("checkin-value-stomach")).toBeNull();
    // Changing it starts from what was recorded.
    await fireEvent.click(screen.getByTestId("checkin-edit"));
    expect(screen.getByTestId("rate-cold_hands-value").textContent).toBe("6 of 10");
  });

  it("on day 1 it is the baseline", () => {
    serve(() => ({ day: dayView(), advice: [] }));
    const v = dayView();
    v.course!.day_number = 1;
    show(v);
    expect(screen.getByTestId("checkin-title").textContent).toBe("Day-0 baseline: how are you before starting?");
    expect(screen.getByTestId("checkin-save").textContent).toBe("Save baseline");
  });

  it("shows caution advice", async () => {
    const caution: Finding = {
      level: "caution",
      code: "loose_stools",
      message: "Loose stools or an upset stomach are the usual sign of too much at once.",
      source: { id: "diarrhea", citation: "NIH ODS" },
    };
    serve(() => ({ day: { ...recorded(dayView(), { stomach: 6 }), advice: [caution] }, advice: [caution] }));
    show(dayView());
    await fireEvent.input(screen.getByTestId("rate-stomach-input"), { target: { value: "6" } });
    await fireEvent.click(screen.getByTestId("checkin-save"));
    const a = await screen.findByTestId("advice-loose_stools");
    expect(a.textContent).toContain("Caution");
    expect(a.textContent).toContain("Loose stools");
    expect(a.getAttribute("data-level")).toBe("caution");
  });

  it("a stop is impossible to miss: an alert, first, and focused", async () => {
    serve(() => ({ day: { ...recorded(dayView(), {}), advice: [stop] }, advice: [stop] }));
    show(dayView());
    await waitFor(() => expect(screen.getAllByTestId("urgent-sign").length).toBe(URGENT.length));
    await fireEvent.click(screen.getByLabelText("irregular heartbeat"));
    await fireEvent.click(screen.getByTestId("checkin-save"));
    const a = await screen.findByTestId("advice-seek_care");
    expect(calls.find((c) => c.cmd === "check_in")?.args).toEqual({
      input: { day: "2026-11-21", ratings: [], urgent: ["irregular heartbeat"], note: "" },
    });
    expect(a.getAttribute("role")).toBe("alert");
    expect(a.querySelector(".stop-head")?.textContent).toBe(
      "⚠ Stop taking magnesium and seek medical care now (irregular heartbeat).",
    );
    expect(a.textContent).toContain("These can be signs of too much magnesium");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("checkin-advice")));
    // It comes before everything else in the card.
    const card = screen.getByTestId("checkin");
    const order = [...card.querySelectorAll("[data-testid]")].map((e) => e.getAttribute("data-testid"));
    expect(order.indexOf("checkin-advice")).toBeLessThan(order.indexOf("checkin-recorded"));
  });

  it("a stop recorded earlier stays shown when the day is opened again", async () => {
    serve(() => ({ day: dayView(), advice: [] }));
    show({ ...recorded(dayView(), {}), advice: [stop] });
    const a = await screen.findByTestId("advice-seek_care");
    expect(a.getAttribute("role")).toBe("alert");
    expect(calls.some((c) => c.cmd === "check_in")).toBe(false);
  });

  it("shows a refused check-in's message and keeps the form", async () => {
    answer((cmd) => {
      if (cmd === "get_setup_options") return { urgent_symptoms: URGENT };
      throw { code: "empty_check_in", message: "Rate at least one symptom, or add a note.", field: "ratings" };
    });
    show(dayView());
    await fireEvent.click(screen.getByTestId("checkin-save"));
    expect((await screen.findByTestId("checkin-error")).textContent).toBe("Rate at least one symptom, or add a note.");
    expect(screen.getByTestId("checkin-form")).toBeTruthy();
  });

  it("is not offered on a day no protocol governs", () => {
    serve(() => ({ day: dayView(), advice: [] }));
    const v = dayView();
    v.checklist.protocol_version = null;
    show(v);
    expect(screen.queryByTestId("checkin")).toBeNull();
  });
});

describe("CheckIn on Today", () => {
  it("a past day's check-in is recorded on that day", async () => {
    const past = dayView({ day: "2026-11-18", is_today: false });
    past.course!.day_number = 9;
    answer((cmd, args) => {
      if (cmd === "get_setup_options") return { urgent_symptoms: URGENT };
      if (cmd === "get_day") return past;
      if (cmd === "check_in") return { day: recorded(past, { cold_hands: 3 }), advice: [] };
      if (cmd === "get_notification_permission") return { state: "granted", platform: "desktop", help: "" };
      void args;
      return { reminders: { snooze_min: 10 } };
    });
    render(Today, { day: "2026-11-18" });
    const title = await screen.findByTestId("checkin-title");
    expect(title.textContent).toMatch(/^How were you on /);
    await fireEvent.input(screen.getByTestId("rate-cold_hands-input"), { target: { value: "3" } });
    await fireEvent.click(screen.getByTestId("checkin-save"));
    expect((await screen.findByTestId("checkin-recorded")).textContent).toContain("Check-in recorded for this day");
    expect(calls.find((c) => c.cmd === "get_day")?.args).toEqual({ input: { day: "2026-11-18" } });
    const sent = calls.find((c) => c.cmd === "check_in")?.args as { input: { day: string } };
    expect(sent.input.day).toBe("2026-11-18");
  });
});
