// Issue 26: one "Export…" place; every format is saved for the range chosen, with the options
// that belong to it (a name only in FHIR, private text for the calendar).
import "../test/ipc";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import ExportPanel from "./ExportPanel.svelte";
import { answer, calls } from "../test/ipc";

function serve() {
  answer((cmd) => {
    if (cmd === "export_data" || cmd === "export_report") return { path: "/home/me/magday.file" };
    throw new Error(`unexpected ${cmd}`);
  });
}

const input = () => calls[calls.length - 1]?.args?.input as Record<string, unknown>;

describe("ExportPanel", () => {
  it("lists each format with a line on who reads it", () => {
    serve();
    render(ExportPanel, { weeks: 8, today: "2026-12-06" });
    for (const id of ["html", "csv", "event_csv", "fhir", "calendar"]) {
      const item = screen.getByTestId(`export-${id}`);
      expect(item.querySelector("p")?.textContent?.length).toBeGreaterThan(20);
    }
  });

  it("saves the event CSV for the last 7 days and says where it went", async () => {
    serve();
    render(ExportPanel, { weeks: 8, today: "2026-12-06" });
    await fireEvent.change(screen.getByTestId("export-range"), { target: { value: "last7" } });
    await fireEvent.click(screen.getByTestId("export-event_csv-save"));
    expect((await screen.findByTestId("export-data-result")).textContent).toContain("/home/me/magday.file");
    expect(calls[calls.length - 1].cmd).toBe("export_data");
    expect(input()).toEqual({ format: "event_csv", range: { kind: "last7" }, person: null, private: false });
  });

  it("a week of the course, and chosen days starting from today", async () => {
    serve();
    render(ExportPanel, { weeks: 8, today: "2026-12-06" });
    await fireEvent.change(screen.getByTestId("export-range"), { target: { value: "week" } });
    await fireEvent.input(screen.getByTestId("export-week"), { target: { value: "3" } });
    await fireEvent.click(screen.getByTestId("export-html-save"));
    await screen.findByTestId("export-data-result");
    expect(calls[calls.length - 1].cmd).toBe("export_report");
    expect(input()).toEqual({ kind: "now", format: "html", range: { kind: "week", week: 3 } });
    await fireEvent.change(screen.getByTestId("export-range"), { target: { value: "custom" } });
    expect((screen.getByTestId("export-first") as HTMLInputElement).value).toBe("2026-12-06");
    await fireEvent.input(screen.getByTestId("export-first"), { target: { value: "2026-11-20" } });
    await fireEvent.click(screen.getByTestId("export-csv-save"));
    await screen.findByTestId("export-data-result");
    expect(input()).toEqual({
      kind: "now",
      format: "csv",
      range: { kind: "custom", first: "2026-11-20", last: "2026-12-06" },
    });
  });

  it("a name goes only into the FHIR file; private text only into the calendar", async () => {
    serve();
    render(ExportPanel, { weeks: 8, today: "2026-12-06" });
    await fireEvent.input(screen.getByTestId("export-person"), { target: { value: "  Ada L.  " } });
    await fireEvent.click(screen.getByTestId("export-private"));
    await fireEvent.click(screen.getByTestId("export-fhir-save"));
    await screen.findByTestId("export-data-result");
    expect(input()).toMatchObject({ format: "fhir", person: "Ada L." });
    await fireEvent.click(screen.getByTestId("export-calendar-save"));
    await screen.findByTestId("export-data-result");
    expect(input()).toEqual({ format: "calendar", range: { kind: "course" }, person: null, private: true });
  });

  it("a refusal shows in the app's words", async () => {
    answer(() => {
      throw { code: "bad_range", message: "The last day comes before the first.", field: null, details: null };
    });
    render(ExportPanel, { weeks: 8, today: "2026-12-06" });
    await fireEvent.click(screen.getByTestId("export-fhir-save"));
    expect((await screen.findByTestId("export-data-result")).textContent).toContain("The last day comes before the first.");
  });

  it("says when a saved calendar is out of date, and only then", () => {
    serve();
    const { unmount } = render(ExportPanel, { weeks: 8, today: "2026-12-06" });
    expect(screen.queryByTestId("calendar-outdated")).toBeNull();
    unmount();
    render(ExportPanel, { weeks: 8, today: "2026-12-06", calendarOutdated: "2026-12-03" });
    expect(screen.getByTestId("calendar-outdated").textContent).toMatch(/plan changed after you saved the calendar on/);
  });
});
