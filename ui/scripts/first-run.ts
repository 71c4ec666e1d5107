// welcome.html: the page the shell opens on a first start (no record and no lock yet; see
// `Paths::first_start` in src-tauri/src/record/paths.rs). It is index.html with the welcome
// (src/screens/Welcome.svelte, rendered here at build time) already in the page, so the first
// screen shows as soon as the page is parsed, before any script has run. The app's script is
// not in the page: the page's one script (src/first-run.js, before the stylesheet so it does
// not wait for it) sets the theme, makes the button work before the app has loaded, and adds
// the app's script after the first paint. The app then takes the page over once it has started
// (App.svelte): the drawn welcome (`#first`) is removed as the app's own screen appears.
// Measured in the real window: with the app's script in the page, WebKit neither painted nor
// answered WebDriver until that script had run (first paint at 52-162 ms, against 10-17 ms for
// a bare page).
//
// The drawn copy has no test ids: tests that wait for the welcome wait for the app's.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "svelte/compiler";
import { render } from "svelte/server";
import { minify, type Plugin } from "vite";

async function drawWelcome(root: string): Promise<string> {
  const file = join(root, "src/screens/Welcome.svelte");
  const { js } = compile(readFileSync(file, "utf8"), { generate: "server", filename: file });
  // Written inside ui/ so that its `svelte/internal/server` import resolves to ours.
  const out = join(root, "node_modules/.cache/magday/Welcome.server.js");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, js.code);
  const { default: Welcome } = await import(`${pathToFileURL(out).href}?${Date.now()}`);
  return render(Welcome, { props: {} })
    .body.replace(/<!--[^]*?-->/g, "")
    .replace(/ data-testid="[^"]*"/g, "");
}

function replaceOnce(html: string, find: string, by: string): string {
  if (html.split(find).length !== 2) throw new Error(`first-run: "${find}" is not in index.html once`);
  return html.replace(find, () => by);
}

export function firstRun(): Plugin {
  let root = "";
  return {
    name: "magday-first-run",
    apply: "build",
    configResolved(c) {
      root = c.root;
    },
    async writeBundle(options) {
      const dist = options.dir ?? join(root, "dist");
      const welcome = await drawWelcome(root);
      const script = await minify("first-run.js", readFileSync(join(root, "src/first-run.js"), "utf8"), {
        compress: true,
        mangle: true,
      });
      if (script.errors.length) throw new Error(`first-run.js: ${script.errors.map((e) => e.message).join("; ")}`);
      writeFileSync(join(dist, "assets/first-run.js"), script.code);
      let html = readFileSync(join(dist, "index.html"), "utf8");
      // The app's script is not in the page: first-run.js adds it after the first paint.
      const app = /\n\s*<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
      if (!app) throw new Error("first-run: the app's script is not in index.html");
      html = html.replace(app[0], "");
      html = replaceOnce(html, "</title>", `</title>\n    <script src="/assets/first-run.js" data-app="${app[1]}"></script>`);
      html = replaceOnce(html, '<div id="app"></div>', `<div id="app"><main id="first">${welcome}</main></div>`);
      writeFileSync(join(dist, "welcome.html"), html);
    },
  };
}
