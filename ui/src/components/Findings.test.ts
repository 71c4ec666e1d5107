import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Findings from "./Findings.svelte";
import type { SafetyReport } from "../lib/bindings";

describe("Findings", () => {
  it("names each warning's source", () => {
    const report: SafetyReport = {
      supplement_allowed: true,
      rda_mg: 320,
      limit_mg: 350,
      limit_source: { id: "iom_ul", citation: "IOM 1997" },
      supplemental_total_mg: 300,
      largest_dose_mg: 150,
      findings: [
        { level: "warning", code: "near_limit", message: "86% of the upper limit.", source: { id: "iom_ul", citation: "IOM 1997 UL" } },
      ],
      keep_apart: [],
      withheld_items: [],
    };
    render(Findings, { report });
    const f = screen.getByTestId("finding-near_limit");
    expect(f.getAttribute("data-level")).toBe("warning");
    expect(f.textContent).toContain("86% of the upper limit.");
    expect(f.textContent).toContain("IOM 1997 UL");
  });
});
