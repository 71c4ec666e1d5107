import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Review from "./Review.svelte";
import { draftInput, protocolCheck, setupOptions } from "../../test/fixtures";
import type { Finding } from "../../lib/bindings";

const source = { id: "src", citation: "A source" };

describe("Review step", () => {
  it("asks to keep a plan above the magnesium limit, but not for a Strong B6 finding", () => {
    const t = setupOptions().templates[1];
    const draft = draftInput(t);
    const b6: Finding = { level: "strong", code: "b6_above_iom", message: "150 mg of vitamin B6 a day.", source };
    const { unmount } = render(Review, { draft, template: t, check: protocolCheck(draft, { findings: [b6] }) });
    expect(screen.getByTestId("finding-b6_above_iom").getAttribute("data-level")).toBe("strong");
    expect(screen.queryByTestId("acknowledge")).toBeNull();
    unmount();
    const above: Finding = { level: "strong", code: "above_limit", message: "Above the limit.", source };
    render(Review, { draft, template: t, check: protocolCheck(draft, { findings: [above, b6] }) });
    expect(screen.getByTestId("acknowledge")).toBeTruthy();
  });
});
