// The UI's size budget (design.md §5): JavaScript + CSS under 80 KB gzipped.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 80 * 1024;
const dir = new URL("../dist/assets/", import.meta.url).pathname;
let total = 0;
for (const f of readdirSync(dir)) {
  if (!/\.(js|css)$/.test(f)) continue;
  const gz = gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  total += gz;
  console.log(`${f}: ${(gz / 1024).toFixed(1)} KB gzipped`);
}
console.log(`UI JavaScript + CSS: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);

// What each page loads at start (index.html; welcome.html, the first start's page, loads the same
// and its one small script, the app's script once the drawn welcome has loaded); the other
// screens' chunks load when shown.
for (const page of ["index.html", "welcome.html"]) {
  const html = readFileSync(new URL(`../dist/${page}`, import.meta.url), "utf8");
  let start = 0;
  let after = 0;
  for (const [, attr, f] of html.matchAll(/(src|href|data-app)="\/assets\/([^"]+\.(?:js|css))"/g)) {
    const gz = gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
    if (attr === "data-app") after += gz;
    else start += gz;
  }
  console.log(
    `Loaded at start by ${page}: ${(start / 1024).toFixed(1)} KB gzipped` +
      (after ? `, and ${(after / 1024).toFixed(1)} KB after the first paint` : ""),
  );
}
if (total > BUDGET) {
  console.error("over budget");
  process.exit(1);
}
