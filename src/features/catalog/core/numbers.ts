// Field values of a catalog row: numbers, booleans and names, read without
// the allocations of `+s`, `s.trim()` or `split` on the import's hot path.

/** Powers of ten that are exact doubles (10^22 is the last). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** A field as a number; NaN when it is not one. Plain decimals ("-6.746",
 *  "230666", "1.01e-06") are read digit by digit, which is faster than `+s`
 *  and exact: the digits (at most 15) make an exact integer, and one
 *  multiplication or division by an exact power of ten rounds once, as `+s`
 *  does. Anything else (long mantissas, huge exponents, odd forms) goes to
 *  `+s`. An empty field is missing, not zero (Number('') is 0). */
export function toNumber(s: string): number {
  const n = s.length;
  if (n === 0) return NaN;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  let v = 0;
  let digits = 0;
  let c = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    digits++;
  }
  // The value is v * 10^-scale.
  let scale = 0;
  if (i < n && s.charCodeAt(i) === 46) {
    for (i++; i < n; i++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      digits++;
      scale++;
    }
  }
  if (i < n && (s.charCodeAt(i) | 32) === 101 && digits > 0) {
    scale -= exponent(s, i + 1);
    i = n;
  }
  if (i === n && digits > 0 && digits <= 15) {
    let x = v;
    if (scale > 0 && scale <= 22) x = v / POW10[scale];
    else if (scale < 0 && scale >= -22) x = v * POW10[-scale];
    else if (scale !== 0) return +s;
    return neg ? -x : x;
  }
  return s.trim() === '' ? NaN : +s;
}

/** The exponent of a number whose "e" ends just before `from`: 1 to 3 digits
 *  with an optional sign, to the end of s; or a value past any exact power of
 *  ten (so the caller takes the slow path) when it is anything else. */
function exponent(s: string, from: number): number {
  let i = from;
  const sign = s.charCodeAt(i);
  if (sign === 43 || sign === 45) i++;
  if (i === s.length || s.length - i > 3) return 1000;
  let e = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 1000;
    e = e * 10 + c;
  }
  return sign === 45 ? -e : e;
}

/** 1 for true, 0 for false, -1 for anything else. */
export function toBool(s: string): number {
  switch (s) {
    case 'False':
    case 'false':
    case 'FALSE':
    case '0':
      return 0;
    case 'True':
    case 'true':
    case 'TRUE':
    case '1':
      return 1;
    default:
      return -1;
  }
}

/** Whether a credit field has a name in it (as splitting it would find one):
 *  a character that is neither ';' nor white space (\s is what trim removes). */
export function namesSomeone(field: string): boolean {
  return field.indexOf(';') === -1 ? !isBlank(field) : NAME_CHAR.test(field);
}
const NAME_CHAR = /[^;\s]/;

/** s.trim(), without the call when there is nothing to trim (the usual case). */
export function trimmed(s: string): string {
  return s.length > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 ? s : s.trim();
}

export function isBlank(s: string): boolean {
  return s.length === 0 || ((s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) && s.trim() === '');
}
