import { afterEach, describe, expect, it, vi } from "vitest";
import { applyTheme } from "./theme";

describe("applyTheme", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sets light or dark on the root whatever the system says", () => {
    vi.stubGlobal("matchMedia", () => ({ matches: true }));
    const root = document.createElement("html");
    applyTheme("light", root);
    expect(root.dataset.theme).toBe("light");
    applyTheme("dark", root);
    expect(root.dataset.theme).toBe("dark");
  });

  it("follows the system's preference when the choice is system", () => {
    const root = document.createElement("html");
    vi.stubGlobal("matchMedia", () => ({ matches: true }));
    applyTheme("system", root);
    expect(root.dataset.theme).toBe("dark");
    vi.stubGlobal("matchMedia", () => ({ matches: false }));
    applyTheme("system", root);
    expect(root.dataset.theme).toBe("light");
  });
});
