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

// What index.html loads at start (the first screen); the other screens' chunks load when shown.
const html = readFileSync(new URL("../dist/index.html", import.meta.url), "utf8");
let start = 0;
for (const [, f] of html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)) {
  start += gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
}
console.log(`Loaded at start: ${(start / 1024).toFixed(1)} KB gzipped`);
if (total > BUDGET) {
  console.error("over budget");
  process.exit(1);
}
