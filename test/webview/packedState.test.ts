// The page's initial state is embedded column by column (packState in src/shared/webviewShell.ts) and
// rebuilt by the page (webview/common/packedState.ts): what the page gets is what JSON would give it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leanSnapshot } from '../../src/extension/panels/leanSnapshot';
import { packState, scriptSafeJson } from '../../src/shared/webviewShell';
import { unpackState } from '../../webview/common/packedState';
import { buildLargeSnapshot } from '../../bench/monitor/largeApp';

/** The state as the page sees it: through the packed JSON, or through plain JSON. */
const viaPacked = (value: unknown) => unpackState<unknown>(JSON.parse(scriptSafeJson(packState(value))));
const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('packed initial state', () => {
  it('gives the page the same large snapshot as JSON, in a quarter of the bytes', () => {
    const state = { source: 'synthetic', load: { state: 'ready' }, live: false, snapshot: leanSnapshot(buildLargeSnapshot({ stages: 300, executors: 40, tasks: 3000 })) };
    assert.deepEqual(viaPacked(state), viaJson(state));
    assert.ok(JSON.stringify(packState(state)).length < JSON.stringify(state).length / 2);
  });

  it('keeps absent keys absent, nulls null, short and mixed arrays as they are', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ id: i, ...(i % 3 ? { end: i * 10 } : {}), note: i === 5 ? null : `row ${i}`, skipped: undefined, tags: [i, 'x'], nested: { a: i, list: Array.from({ length: 9 }, (_, j) => ({ j, ...(j === 4 ? { odd: true } : {}) })) } }));
    const state = { rows, short: [{ a: 1 }, { b: 2 }], mixed: [...rows.slice(0, 8), 3, 'x', null], empty: Array.from({ length: 9 }, () => ({})), text: '</script><script>alert(1)</script>' };
    const back = viaPacked(state) as typeof state;
    assert.deepEqual(back, viaJson(state));
    assert.equal('end' in back.rows[0], false, 'a key a row lacked stays absent');
    assert.equal('skipped' in back.rows[1], false);
    assert.deepEqual(Object.keys(back.rows[1]).sort(), ['end', 'id', 'nested', 'note', 'tags']);
  });

  it('treats a key named __proto__ as data, never as the prototype', () => {
    const rows = Array.from({ length: 8 }, (_, i) => JSON.parse(`{"i": ${i}, "__proto__": {"polluted": true}}`) as Record<string, unknown>);
    const back = viaPacked({ rows, map: JSON.parse('{"__proto__": {"polluted": true}}') as unknown }) as { rows: Array<Record<string, unknown>>; map: Record<string, unknown> };
    assert.equal(Object.getPrototypeOf(back.rows[0]), Object.prototype);
    assert.equal(Object.getPrototypeOf(back.map), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(back.rows[0], '__proto__')?.value, { polluted: true });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('embeds no raw < or > (the JSON cannot close its <script> element)', () => {
    const json = scriptSafeJson(packState({ rows: Array.from({ length: 9 }, () => ({ name: '</script><img src=x onerror=alert(1)>' })) }));
    assert.doesNotMatch(json, /[<>]/);
  });
});
