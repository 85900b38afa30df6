// Undoes packState (src/shared/webviewShell.ts): the host embeds long arrays of objects column by
// column, so the page's HTML is a fraction of the size. Rows are rebuilt with their keys in the same
// order (one object shape); a key a row lacked stays absent.
const keysKey = '\u0000k';
const columnsKey = '\u0000c';
const countKey = '\u0000n';
const missingKey = '\u0000m';

function isPacked(value: object): value is Record<string, unknown> {
  return keysKey in value && columnsKey in value && countKey in value;
}

export function unpackState<T>(value: unknown): T {
  return unpack(value) as T;
}

function unpack(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) value[i] = unpack(item);
    }
    return value;
  }
  if (isPacked(value)) return unpackRows(value);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === 'object' && item !== null) define(record, key, unpack(item));
  }
  return record;
}

function unpackRows(packed: Record<string, unknown>): Array<Record<string, unknown>> {
  const keys = packed[keysKey] as string[];
  const columns = (packed[columnsKey] as unknown[]).map((column) => unpack(column) as unknown[]);
  const count = packed[countKey] as number;
  const missing = (packed[missingKey] ?? {}) as Record<string, number[]>;
  const rows = new Array<Record<string, unknown>>(count);
  for (let i = 0; i < count; i++) rows[i] = {};
  // Key by key over all rows: every row gains its keys in the same order (one object shape), and
  // each inner loop stores one property name (fast even before the code is optimised).
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const column = columns[k];
    const absent = missing[k] ? new Set(missing[k]) : undefined;
    if (key === '__proto__') {
      for (let i = 0; i < count; i++) if (!absent?.has(i)) define(rows[i], key, column[i]);
    } else if (absent) {
      for (let i = 0; i < count; i++) if (!absent.has(i)) rows[i][key] = column[i];
    } else {
      for (let i = 0; i < count; i++) rows[i][key] = column[i];
    }
  }
  return rows;
}

/** Sets an own property, even one named __proto__ (which plain assignment would treat as the prototype). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
