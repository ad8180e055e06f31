// Error construction shared by the marshalers, imports and exports.

export function snippet() { return "errors.js"; }

/** An error raised by slotwire itself (poisoned instance, bad binding, bad layout). */
export class SlotwireError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "SlotwireError";
  }
}

/** A short description of a JS value for error messages: `string "abc"`, `number 1.5`, ... */
export function describe(v) {
  if (v === null) return "null";
  const t = typeof v;
  switch (t) {
    case "undefined":
      return "undefined";
    case "string":
      return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
    case "number":
    case "boolean":
      return `${t} ${String(v)}`;
    case "bigint":
      return `bigint ${v}n`;
    case "symbol":
      return "symbol";
    case "function":
      return "function";
    default:
      if (v instanceof Date) return "Date";
      if (Array.isArray(v)) return "Array";
      return v.constructor && v.constructor.name ? `object ${v.constructor.name}` : "object";
  }
}

export function typeError(what, expected, v) {
  return new TypeError(`${what}: expected ${expected}, got ${describe(v)}`);
}

export function rangeError(what, detail) {
  return new RangeError(`${what}: ${detail}`);
}
