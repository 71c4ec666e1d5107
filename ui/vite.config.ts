import { defineConfig, type Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { firstRun } from "./scripts/first-run.ts";

/**
 * Two cuts for the size budget (scripts/size.mjs), each measured:
 *
 * - Vite wraps every dynamic import in a preload helper (0.7 KB gzipped) that loads the
 *   chunk's CSS and module preloads first. With one stylesheet (`cssCodeSplit: false`, loaded
 *   by index.html) and no module preload, the list it is given is always empty: the helper
 *   is then a plain call. Should either option come back, the real helper is kept.
 * - @tauri-apps/api/event.js declares its `TauriEvent` names (used by no one here) in a form
 *   the bundler must keep (0.3 KB); when that form changes, nothing is dropped.
 */
function smaller(): Plugin {
  let plain = false;
  return {
    name: "magday-smaller",
    apply: "build",
    enforce: "pre",
    configResolved(c) {
      plain = !c.build.cssCodeSplit && !c.build.modulePreload;
    },
    load(id) {
      if (plain && id === "\0vite/preload-helper.js") return "export const __vitePreload = (load) => load();";
    },
    transform(code, id) {
      if (id.includes("@tauri-apps/api/event.js"))
        return code.replace(/\(function \(TauriEvent\) \{[\s\S]*?\}\)\(TauriEvent \|\| \(TauriEvent = \{\}\)\);/, "");
    },
  };
}

// The app embeds ui/dist; nothing is loaded from a network at run time.
export default defineConfig({
  plugins: [smaller(), svelte(), firstRun()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The app's files are read from the app itself: a screen's chunk, and what it imports,
    // load in a few milliseconds without preloading.
    modulePreload: false,
    // One stylesheet, loaded at start (1 KB more at start, 0.7 KB less in all).
    cssCodeSplit: false,
    // No inline data: assets, so the strict CSP needs no exceptions for them.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // The two small pieces several screens share, as one chunk rather than two (0.17 KB).
        codeSplitting: {
          groups: [
            { name: "shared", test: /components.(PauseNotice|Findings)\.svelte/, includeDependenciesRecursively: false },
            // The two screens seldom shown, About and the recovery screen, as one chunk (0.12 KB).
            { name: "seldom", test: /screens.(About|Recovery)\.svelte/, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
  },
});
