/**
 * Precomputed traces: the result of one engine op for its panel's default arguments, computed by
 * `npm run traces` (scripts/make-traces.ts) in Node from the committed weights and written to
 * public/traces/<name>.json. A panel may show one while the live model loads — always with the
 * TraceBanner, never with the test-contract `data-testid`s (those belong to live results).
 *
 * JSON has no typed arrays: they are written as { "$typed": "Float32Array", "data": [...] } and restored
 * on read, so a trace has exactly the shape of the op's live result. Pure; no DOM, no TF.js.
 */

export const TRACE_FORMAT = 1;

export interface TraceFile<R = unknown, A = unknown> {
  format: typeof TRACE_FORMAT;
  /** File name without .json, e.g. "compress". */
  name: string;
  /** The engine op and the arguments it ran with. */
  op: string;
  args: A;
  /** public/weights/manifest.json `version` the trace was computed from (stale when it differs). */
  manifestVersion: string;
  /** ISO date, and the backend it ran on (Node, WASM). */
  createdAt: string;
  backend: string;
  result: R;
}

const TYPED = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int8Array,
} as const;
type TypedName = keyof typeof TYPED;

function typedName(v: unknown): TypedName | null {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return null;
  const name = v.constructor.name as TypedName;
  return name in TYPED ? name : null;
}

/**
 * A float32 written with 9 significant digits reads back as the same float32 (IEEE 754: 9 digits always
 * round-trip binary32), at about half the characters of the double's 17.
 */
const f32 = (x: number): number => Number(x.toPrecision(9));

/** JSON.stringify replacer: typed arrays → { $typed, data }; non-finite numbers → { $num: "NaN" | "Infinity" | "-Infinity" }. */
export function traceReplacer(_key: string, value: unknown): unknown {
  const t = typedName(value);
  if (t) {
    const short = t === 'Float32Array';
    return { $typed: t, data: Array.from(value as ArrayLike<number>, (x) => (Number.isFinite(x) ? (short ? f32(x) : x) : { $num: String(x) })) };
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
  return value;
}

/** JSON.parse reviver undoing traceReplacer. */
export function traceReviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (typeof o.$num === 'string' && Object.keys(o).length === 1) return Number(o.$num);
    if (typeof o.$typed === 'string' && Array.isArray(o.data) && o.$typed in TYPED) {
      const Ctor = TYPED[o.$typed as TypedName];
      return new Ctor(o.data as number[]);
    }
  }
  return value;
}

export function encodeTrace(t: TraceFile): string {
  return JSON.stringify(t, traceReplacer);
}

/** Parse and check a trace file; throws on anything that is not one. */
export function decodeTrace<R = unknown, A = unknown>(json: string): TraceFile<R, A> {
  const t = JSON.parse(json, traceReviver) as TraceFile<R, A>;
  if (!t || t.format !== TRACE_FORMAT || typeof t.name !== 'string' || typeof t.op !== 'string' || typeof t.manifestVersion !== 'string' || !('result' in t)) {
    throw new Error('not a CALM Playground trace file');
  }
  return t;
}

/** JSON of a value with object keys sorted (so that key order never matters). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) && !ArrayBuffer.isView(x)
      ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]]))
      : x,
  );
}

/**
 * Whether a trace was computed with these arguments (deep equality, key order ignored). A trace of other
 * arguments (for example the defaults before a schema change) would show a result the panel's defaults
 * no longer give: the panels treat it as missing until `npm run traces` has run.
 */
export function sameTraceArgs(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
