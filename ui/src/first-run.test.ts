// welcome.html's one script (src/first-run.js): it runs before the page is drawn and before the
// app has loaded, so it must work alone. Each test loads it as welcome.html does, into a page of
// its own (a JSDOM window running its scripts, with real event handlers).
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import script from "./first-run.js?raw";

const welcome =
  '<main id="first"><section class="card"><h1>Welcome to Magday</h1><p>Text</p>' +
  '<button class="primary wide">Set up your protocol</button></section></main>';

/** welcome.html's shape: the script in the head, the drawn welcome in the body. */
function page(dark: boolean) {
  const dom = new JSDOM(
    `<!doctype html><html><head><script data-app="/assets/index-abc.js">${script}</script></head>` +
      `<body><div id="app">${welcome}</div></body></html>`,
    {
      url: "http://localhost/welcome.html",
      runScripts: "dangerously",
      pretendToBeVisual: true, // frames (requestAnimationFrame) run
      beforeParse(w) {
        w.matchMedia = ((q: string) => ({ matches: dark && q === "(prefers-color-scheme:dark)" })) as typeof w.matchMedia;
      },
    },
  );
  return dom.window;
}

describe("first-run.js", () => {
  it("sets the system's theme before the first paint", () => {
    expect(page(true).document.documentElement.dataset.theme).toBe("dark");
    expect(page(false).document.documentElement.dataset.theme).toBe("light");
  });

  it("makes the drawn button open Setup before the app has loaded", () => {
    const w = page(false);
    w.document.querySelector<HTMLButtonElement>("#first button")?.click();
    expect(w.location.hash).toBe("#/setup");
  });

  it("leaves other clicks alone", () => {
    const w = page(false);
    w.document.querySelector<HTMLElement>("#first h1")?.click();
    expect(w.location.hash).toBe("");
  });

  it("adds the app's script only once the page has loaded and painted, so the welcome does not wait for it", async () => {
    const w = page(false);
    const scripts = () => [...w.document.head.querySelectorAll("script")].map((s) => s.type + " " + s.getAttribute("src"));
    expect(scripts()).toEqual([" null"]); // parsed, not loaded yet
    const atLoad = await new Promise((r) => w.addEventListener("load", () => r(scripts())));
    expect(atLoad).toEqual([" null"]); // the next frame first
    await new Promise((r) => setTimeout(r, 100));
    expect(scripts()).toEqual([" null", "module /assets/index-abc.js"]);
  });
});
