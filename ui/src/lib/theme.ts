// The app's look: the system's light or dark appearance, or one of them always. The choice is
// a setting (saved in the core); this applies it to the page as data-theme="light" | "dark",
// the one switch the style sheet reads. "system" follows prefers-color-scheme, also when the
// system changes while the app is open.
import type { Theme } from "./bindings";

let chosen: Theme = "system";

function systemIsDark(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Apply `theme` to the document. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  chosen = theme;
  root.dataset.theme = theme === "system" ? (systemIsDark() ? "dark" : "light") : theme;
}

if (typeof matchMedia === "function") {
  matchMedia("(prefers-color-scheme: dark)").addEventListener?.("change", () => {
    if (chosen === "system") applyTheme("system");
  });
}
