// Runs the unit and end-to-end test projects and prints one closing line for the whole run:
// "N passed, N failed". Exits non-zero when anything failed or a project could not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;

const chromium = spawnSync(process.execPath, [join(root, 'scripts/check-chromium.mjs')], { stdio: 'inherit' });
const projects = chromium.status === 0 ? ['unit', 'e2e'] : ['unit'];
if (chromium.status !== 0) {
  failed += 1;
  exitCode = 1;
}

for (const project of projects) {
  const output = join(resultsDir, `${project}.json`);
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`],
    { stdio: 'inherit', cwd: root },
  );
  if (run.status !== 0) exitCode = 1;
  if (!existsSync(output)) {
    console.error(`The ${project} tests produced no report (exit ${run.status}).`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  // A suite that failed to load counts as a failure even when it has no tests.
  failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
