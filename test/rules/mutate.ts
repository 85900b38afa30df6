// Token-level mutations for the fuzz test and the fuzz timing in bench/lint: delete, duplicate, swap a
// token, or insert a bracket, quote, newline, keyword or non-ASCII character. Deterministic per seed.
const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\s+|./g;
const INSERTS = ['(', ')', '[', ']', ':', '"', "'", '\n', '    ', ',', '.', 'def ', 'for ', '=', '\\', '"""', '\u00e9', '\ud83d\ude00'];

/** mulberry32: a tiny deterministic PRNG */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mutate(text: string, next: () => number): string {
  const tokens = text.match(TOKEN) ?? [];
  const operations = 1 + Math.floor(next() * 3);
  for (let n = 0; n < operations && tokens.length > 1; n++) {
    const i = Math.floor(next() * tokens.length);
    const j = Math.min(tokens.length - 1, i + 1 + Math.floor(next() * 3));
    switch (Math.floor(next() * 4)) {
      case 0: tokens.splice(i, 1); break;
      case 1: tokens.splice(i, 0, tokens[i]!); break;
      case 2: [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!]; break;
      default: tokens.splice(i, 0, INSERTS[Math.floor(next() * INSERTS.length)]!);
    }
  }
  return tokens.join('');
}

