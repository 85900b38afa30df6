// Just enough of Python's tokenizer to follow lines where no syntax tree is at hand: brackets, strings
// and backslash continuations. Read for a notebook's cells before they are joined (where a statement
// starts, for magics) and for a document's lines (where a `# noqa` comment can go).

export class LineScanner {
  private depth = 0;
  /** The quote of a string still open at the end of the last line: triple-quoted, or one continued by a backslash. */
  private openString: string | undefined;
  private continued = false;

  atStatementStart(): boolean {
    return this.depth === 0 && !this.openString && !this.continued;
  }

  /** True when the last line scanned goes on into the next inside a triple-quoted string or after a backslash. */
  continues(): boolean {
    return !!this.openString || this.continued;
  }

  scan(line: string): void {
    let i = 0;
    if (this.openString) {
      const end = closingQuote(line, 0, this.openString);
      if (end < 0) {
        // a one-quote string goes on only after another backslash
        if (this.openString.length === 1 && !line.endsWith('\\')) this.openString = undefined;
        return;
      }
      i = end + this.openString.length;
      this.openString = undefined;
    }
    let comment = false;
    for (; i < line.length; i++) {
      const char = line[i]!;
      if (char === '#') {
        comment = true;
        break;
      }
      if (char === '(' || char === '[' || char === '{') this.depth++;
      else if (char === ')' || char === ']' || char === '}') this.depth = Math.max(0, this.depth - 1);
      else if (char === '"' || char === "'") {
        const triple = line.startsWith(char.repeat(3), i) ? char.repeat(3) : undefined;
        const close = closingQuote(line, i + (triple ? 3 : 1), triple ?? char);
        if (close < 0) {
          // `"SELECT a,\` goes on into the next line inside the string
          if (triple || line.endsWith('\\')) this.openString = triple ?? char;
          break;
        }
        i = close + (triple ? 2 : 0);
      }
    }
    // a backslash that ends a comment does not continue the line
    this.continued = !this.openString && !comment && line.endsWith('\\');
  }
}

/** Where `quote` (`"`, `'''`, ...) closes a string on the line, searching from `from` (a backslash escapes the next character), or -1. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line.startsWith(quote, i)) return i;
  }
  return -1;
}

/** For each line of `text`: true when it goes on into the next (an open triple-quoted string, a backslash). */
export function continuingLines(text: string): boolean[] {
  const scanner = new LineScanner();
  return text.split(/\r\n|\r|\n/).map((line) => {
    scanner.scan(line);
    return scanner.continues();
  });
}
