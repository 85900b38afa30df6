// Builds the extension's bundles:
//   dist/extension.js   the VS Code client (node, cjs, `vscode` external)
//   dist/lspClient.js   the language client, loaded by the extension after activation
//   dist/server.js      the language server (node, cjs)
//   dist/cli.js         the `sparkml` command (node, cjs, with a shebang); its subcommands in
//                       dist/cli-lint.js, dist/cli-app.js, dist/cli-submit.js, required when they run
//   dist/appSnapshotWorker.js  reads Spark applications in a worker thread
//   dist/lintWorker.js  lints files in a worker thread for `sparkml lint --jobs N`
//   dist/submit.js      job submission, loaded by the extension on first use
//   dist/webview/*.js   one browser bundle (esm) per webview panel under webview/<panel>/main.ts,
//                       with its lazily imported chunks in dist/webview/chunks/
//   out/test/...        the integration suite that runs inside a real extension host
// and copies the tree-sitter wasm files next to the bundles that load them.
//
//   node esbuild.mjs               development build (sourcemaps)
//   node esbuild.mjs --production  minified, no sourcemaps (what `npm run package` ships)
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const wasmFiles = [
  ['node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm'],
  ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm'],
];

async function copyWasm() {
  await mkdir(join(root, 'dist'), { recursive: true });
  for (const [from, to] of wasmFiles) await copyFile(join(root, from), join(root, to));
}

async function webviewEntries() {
  const dir = join(root, 'webview');
  const entries = {};
  for (const name of await readdir(dir)) {
    const main = join(dir, name, 'main.ts');
    if ((await stat(join(dir, name))).isDirectory() && (await exists(main))) entries[name] = main;
  }
  return entries;
}

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Logs each rebuild so `npm run watch` shows problems the way a tsc watch task would. */
const reportPlugin = (name) => ({
  name: 'report',
  setup(build) {
    build.onEnd((result) => {
      const when = new Date().toLocaleTimeString();
      if (result.errors.length) console.error(`[${when}] ${name}: ${result.errors.length} error(s)`);
      else if (watch) console.log(`[${when}] ${name}: built`);
    });
  },
});

const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // The extension host provides `vscode`; nothing else is left to node_modules (the .vsix has none).
  // @datadog/sketches-js requires protobufjs only inside its (unused) protobuf serialization.
  external: ['vscode', 'protobufjs/minimal'],
  // Some dependencies ship both an ESM and a CJS build; prefer the CJS one for a CJS bundle.
  mainFields: ['module', 'main'],
  conditions: ['require', 'node'],
  // ESM dependencies (web-tree-sitter, @kubernetes/client-node) read import.meta.url, which a CJS
  // bundle lacks: give them the bundle's own file URL.
  define: { 'import.meta.url': '__bundleFileUrl' },
  banner: { js: "const __bundleFileUrl = require('url').pathToFileURL(__filename).href;" },
};

/** The subcommands src/cli/subcommands.ts imports lazily; each is bundled on its own as dist/cli-<name>.js. */
const cliSubcommands = ['lint', 'app', 'submit'];

/**
 * Leaves the imports of `importer` (a path under the repository) that match `filter` out of the bundle:
 * at run time they require `target(specifier)`, a bundle beside it in dist/.
 */
function requireBeside(name, importer, filter, target) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) => (args.importer.endsWith(join(...importer.split('/'))) ? { path: target(args.path), external: true } : undefined));
    },
  };
}

/** In dist/cli.js, `import('./lint')` (subcommands.ts) stays a require of dist/cli-lint.js. */
const subcommandBundles = requireBeside('subcommand-bundles', 'src/cli/subcommands.ts', new RegExp(`^\\./(${cliSubcommands.join('|')})$`), (path) => `./cli-${path.slice(2)}.js`);

/** `sparkml submit` requires dist/submit.js, the extension's submission bundle, instead of a second copy. */
const sharedSubmitBundle = requireBeside('shared-submit-bundle', 'src/cli/submit.ts', /^\.\.\/submit\/api$/, () => './submit.js');

const builds = [
  { ...nodeCommon, entryPoints: { extension: 'src/extension/main.ts' }, outdir: 'dist', plugins: [reportPlugin('extension')] },
  // The language client (vscode-languageclient), required by the extension right after activation.
  { ...nodeCommon, entryPoints: { lspClient: 'src/extension/lspClient.ts' }, outdir: 'dist', plugins: [reportPlugin('lspClient')] },
  { ...nodeCommon, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist', plugins: [reportPlugin('server')] },
  // Job submission (Kubernetes and AWS clients), required by the extension on the first submission.
  { ...nodeCommon, entryPoints: { submit: 'src/submit/api.ts' }, outdir: 'dist', plugins: [reportPlugin('submit')] },
  // Reads Spark applications for the panels in a worker thread, off the extension host's event loop.
  { ...nodeCommon, entryPoints: { appSnapshotWorker: 'src/workers/appSnapshotWorker.ts' }, outdir: 'dist', plugins: [reportPlugin('worker')] },
  // Lints files for `sparkml lint` in worker threads; loaded by dist/cli.js from beside itself.
  { ...nodeCommon, entryPoints: { lintWorker: 'src/cli/lintWorker.ts' }, outdir: 'dist', plugins: [reportPlugin('lintWorker')] },
  // The `sparkml` command: a small dispatcher, and one bundle per subcommand that it requires when that
  // subcommand runs, so `sparkml lint` neither loads nor parses the S3 and Kubernetes clients.
  {
    ...nodeCommon,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    banner: { js: "#!/usr/bin/env node\nconst __bundleFileUrl = require('url').pathToFileURL(__filename).href;" },
    plugins: [reportPlugin('cli'), subcommandBundles],
  },
  {
    ...nodeCommon,
    entryPoints: Object.fromEntries(cliSubcommands.map((name) => [`cli-${name}`, `src/cli/${name}.ts`])),
    outdir: 'dist',
    plugins: [reportPlugin('cli subcommands'), sharedSubmitBundle],
  },
  // One build per panel, split: what a panel imports with import() (Chart.js for sparkApp) becomes
  // dist/webview/chunks/<panel>-<hash>.js, loaded by the page when needed (the import inherits the
  // page script's nonce, so the CSP stays nonce-only) and not parsed at first paint.
  ...Object.entries(await webviewEntries()).map(([panel, main]) => ({
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    entryPoints: { [panel]: main },
    outdir: 'dist/webview',
    splitting: true,
    chunkNames: `chunks/${panel}-[hash]`,
    metafile: true,
    plugins: [reportPlugin(`webview ${panel}`)],
  })),
];

// The integration suite is bundled for development builds only: it never ships in the .vsix.
if (!production && (await exists(join(root, 'test/integration/index.ts')))) {
  builds.push({
    ...nodeCommon,
    entryPoints: { index: 'test/integration/index.ts' },
    outdir: 'out/test/integration',
    external: ['vscode', 'mocha'],
    plugins: [reportPlugin('integration tests')],
  });
}

// A packaging build starts from an empty dist/ so no development sourcemap ends up in the .vsix.
if (production) await rm(join(root, 'dist'), { recursive: true, force: true });
await copyWasm();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('watching for changes...');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  await removeStaleChunks(results);
}

/**
 * Chunk names change with their content: once the new bundles are written, remove the chunks no
 * bundle refers to any more (after, not before, so a page loading meanwhile finds its chunks).
 */
async function removeStaleChunks(results) {
  const dir = join(root, 'dist/webview/chunks');
  const written = new Set(results.flatMap((result) => Object.keys(result.metafile?.outputs ?? {})).map((file) => join(root, file)));
  const present = await readdir(dir).catch(() => []);
  await Promise.all(present.map((name) => join(dir, name)).filter((file) => !written.has(file)).map((file) => rm(file, { force: true })));
}
