// Runs every test layer and ends with one line `N passed, N failed, N skipped` summing them all.
//
//   node scripts/test.mjs                 all layers
//   node scripts/test.mjs unit server     only the named layers
//
// Layers (see ARCHITECTURE.md, "Tests"):
//   unit         node:test, no VS Code, no build:        test/unit, test/rules, test/conformance
//   server       node:test against the built dist/server.js over real LSP: test/server
//   webview      node:test + playwright-core: each built panel in Chromium, in the page the extension builds
//   services     node:test against real local servers (Ceph RGW S3, the local Kubernetes API): test/services
//   integration  mocha inside a real VS Code extension host (code-server): test/integration
//   ui           node:test + playwright-core + Chromium against code-server with the packaged .vsix: test/ui
//
// A node:test layer is counted from its TAP summary; a script layer writes its counts as JSON to the
// file named by SPARKML_RESULT_FILE. A layer that cannot run here says why and counts as skipped.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'glob';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const layers = [
  { name: 'unit', globs: ['test/unit/**/*.test.ts', 'test/rules/**/*.test.ts', 'test/conformance/**/*.test.ts'] },
  { name: 'server', globs: ['test/server/**/*.test.ts'], needs: ['build'] },
  { name: 'webview', globs: ['test/webview/**/*.test.ts'], needs: ['build'], concurrency: 1 },
  { name: 'services', globs: ['test/services/**/*.test.ts'], needs: ['build'], concurrency: 1 },
  { name: 'integration', script: 'test/harness/runIntegration.ts', needs: ['build'] },
  { name: 'ui', globs: ['test/ui/**/*.test.ts'], needs: ['package'], concurrency: 1 },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !layers.some((layer) => layer.name === name));
if (unknown.length) {
  console.error(`unknown layer(s): ${unknown.join(', ')}; layers are ${layers.map((l) => l.name).join(', ')}`);
  process.exit(2);
}
const selected = layers.filter((layer) => !wanted.length || wanted.includes(layer.name));

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`cannot start ${command}: ${error.message}`);
      resolve(1);
    });
  });
}

const done = new Set();
async function prepare(step) {
  if (done.has(step)) return true;
  const ok =
    step === 'build'
      ? (await run(process.execPath, ['esbuild.mjs'])) === 0
      : (await prepare('build')) && (await run('npm', ['run', '--silent', 'package'])) === 0;
  if (ok) done.add(step);
  return ok;
}

/** Reads the summary block node:test's TAP reporter ends with (`# pass 3`, `# fail 0`, ...). */
function tapCounts(tap) {
  const count = (key) => Number(tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  return {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
}

async function runNodeLayer(layer, scratch) {
  const files = (await glob(layer.globs, { cwd: root, nodir: true })).sort();
  if (!files.length) return { passed: 0, failed: 0, skipped: 0, note: 'no test files yet' };
  const tapFile = join(scratch, `${layer.name}.tap`);
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    `--test-concurrency=${layer.concurrency ?? 2}`,
    ...files,
  ];
  const code = await run(process.execPath, args, { env: { ...process.env, SPARKML_TEST_LAYER: layer.name } });
  const counts = existsSync(tapFile) ? tapCounts(readFileSync(tapFile, 'utf8')) : { passed: 0, failed: 1, skipped: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // a crash outside any test still fails the layer
  return counts;
}

async function runScriptLayer(layer, scratch) {
  if (!existsSync(layer.script)) return { passed: 0, failed: 0, skipped: 0, note: `${layer.script} not present yet` };
  const resultFile = join(scratch, `${layer.name}.json`);
  const code = await run(process.execPath, ['--import', 'tsx', layer.script], {
    env: { ...process.env, SPARKML_RESULT_FILE: resultFile, SPARKML_TEST_LAYER: layer.name },
  });
  if (!existsSync(resultFile)) return { passed: 0, failed: 1, skipped: 0, note: `${layer.script} exited ${code} without a result` };
  const result = JSON.parse(readFileSync(resultFile, 'utf8'));
  if (code !== 0 && !result.failed) result.failed = 1;
  return result;
}

const scratch = mkdtempSync(join(tmpdir(), 'sparkml-test-'));
const results = [];
try {
  for (const layer of selected) {
    console.log(`\n=== ${layer.name} ===`);
    const started = Date.now();
    let result;
    const missing = [];
    for (const step of layer.needs ?? []) if (!(await prepare(step))) missing.push(step);
    if (missing.length) result = { passed: 0, failed: 1, skipped: 0, note: `could not ${missing.join(' and ')}` };
    else result = layer.script ? await runScriptLayer(layer, scratch) : await runNodeLayer(layer, scratch);
    result.seconds = Math.round((Date.now() - started) / 1000);
    results.push({ layer: layer.name, ...result });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log('\n=== summary ===');
for (const r of results) {
  const note = r.note ? `  (${r.note})` : '';
  console.log(`${r.layer.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped  ${r.seconds}s${note}`);
  for (const reason of r.skipReasons ?? []) console.log(`${''.padEnd(12)} SKIPPED: ${reason}`);
}
const total = (key) => results.reduce((sum, r) => sum + (r[key] ?? 0), 0);
console.log(`${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`);
process.exitCode = total('failed') > 0 ? 1 : 0;
