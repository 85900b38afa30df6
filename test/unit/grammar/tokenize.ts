// Tokenizes text with our TextMate grammars the way VS Code does: vscode-textmate on the oniguruma wasm,
// VS Code's Python and SQL grammars (from the tm-grammars package) as hosts, our injection on top.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..', '..');
const grammarFiles: Record<string, string> = {
  'source.python': join(root, 'node_modules', 'tm-grammars', 'grammars', 'python.json'),
  'source.sql': join(root, 'node_modules', 'tm-grammars', 'grammars', 'sql.json'),
  'pyspark-sql.injection': join(root, 'syntaxes', 'pyspark-sql.injection.tmLanguage.json'),
  'source.spark-defaults': join(root, 'syntaxes', 'spark-defaults.tmLanguage.json'),
};

export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
  readonly line: number;
}

let registry: Promise<textmate.Registry> | undefined;

function createRegistry(): Promise<textmate.Registry> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  }));
  return Promise.resolve(
    new textmate.Registry({
      onigLib,
      loadGrammar: async (scopeName) => {
        const file = grammarFiles[scopeName];
        return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      // What package.json's `injectTo: ["source.python"]` does in VS Code.
      getInjections: (scopeName) => (scopeName === 'source.python' ? ['pyspark-sql.injection'] : undefined),
    }),
  );
}

export async function tokenize(scopeName: string, text: string): Promise<Token[]> {
  registry ??= createRegistry();
  const grammar = await (await registry).loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} not found`);
  const tokens: Token[] = [];
  let state = textmate.INITIAL;
  text.split('\n').forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      tokens.push({ text: lineText.slice(token.startIndex, token.endIndex), scopes: token.scopes, line });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** The scopes of the first token whose text is exactly `text` (after `after` tokens with that text). */
export function scopesOf(tokens: readonly Token[], text: string, occurrence = 0): readonly string[] {
  const matches = tokens.filter((token) => token.text.trim() === text);
  const token = matches[occurrence];
  if (!token) throw new Error(`no token "${text}" (#${occurrence}) in: ${tokens.map((t) => JSON.stringify(t.text)).join(' ')}`);
  return token.scopes;
}

export function hasScope(scopes: readonly string[], prefix: string): boolean {
  return scopes.some((scope) => scope === prefix || scope.startsWith(`${prefix}.`) || scope.split(' ').some((part) => part.startsWith(prefix)));
}
