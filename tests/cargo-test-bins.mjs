// Reads `cargo test --no-run --message-format=json` on standard input and prints one line per
// test executable: its path, a tab, and its package's directory (where cargo would run it).
// Optional argument: only the test target of that name (e.g. "commands").
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const only = process.argv[2];
const seen = new Set();
for (const line of readFileSync(0, 'utf8').split('\n')) {
  if (!line.startsWith('{')) continue;
  const m = JSON.parse(line);
  if (m.reason !== 'compiler-artifact' || !m.executable || !m.profile?.test) continue;
  if (only && m.target?.name !== only) continue;
  if (seen.has(m.executable)) continue;
  seen.add(m.executable);
  console.log(`${m.executable}\t${dirname(m.manifest_path)}`);
}
if (seen.size === 0) {
  console.error(`no test executable${only ? ` named ${only}` : ''} in cargo's output`);
  process.exit(1);
}
