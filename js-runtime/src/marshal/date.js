// Dates by value: mirrors engine/src/marshal/date.rs. The slot holds Date.getTime() as f64.

import { T } from "../slot.js";
import { dateTime, isDate, rangeError, typeError } from "../errors.js";

export const readers = {
  [T.date]: (h, p) => new Date(h.f64[p >>> 3]),
};

export const writers = {
  [T.date]: (h, p, v, what) => {
    // A real Date (its internal slot, not `instanceof`: no Proxy trap, no fake Date).
    if (!isDate(v)) throw typeError(what, "Date", v);
    const t = dateTime(v);
    if (t !== t) throw rangeError(what, "Invalid Date");
    h.check(); // instanceof and getTime can run user code (a Proxy, an own getTime)
    h.f64[p >>> 3] = t;
  },
};
