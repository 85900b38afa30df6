// Token-level mutations for the fuzz test and the fuzz timing in bench/lint: delete, duplicate, swap a
// token, or insert a bracket, quote, newline, keyword or non-ASCII character. Deterministic per seed.
const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\s+|./g;
const INSERTS = ['(', ')', '[', ']', ':', '"', "'", '\n', '    ', ',', '.', 'def ', 'for ', '=', '\\', '"""', '\u00e9', '\ud83d\ude00'];

/** The shared seeded PRNG, under the name the fuzz test uses. */
export { seededRandom as random } from '../../src/shared/seededRandom';

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

