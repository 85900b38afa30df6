// Node.js flags the language server always runs with. A 4 MB semi-space (V8's default young generation
// is up to 32 MB) keeps the server's resident memory down on large workspaces at no measurable latency
// cost (bench/server prints both). User flags from `sparkml.server.execArgv` come after these.
export const serverNodeArgs: readonly string[] = ['--max-semi-space-size=4'];
