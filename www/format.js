// Numbers as the page's figures and checks write them: a fixed number of
// significant digits, a real minus sign, no "+" in an exponent, and a dash
// for anything not finite (no NaN on screen).

/** `v` to `digits` significant digits ("−0.02337", "1.2e−7", "—"). */
export function num(v, digits = 4) {
  if (!Number.isFinite(v)) return '—';
  const text = Math.abs(v) >= 10 ** digits ? v.toFixed(0) : Number(v.toPrecision(digits)).toString();
  return text.replace('e+', 'e').replaceAll('-', '−');
}

/** A relative error in scientific form with two digits ("8.0e−11", "—"). */
export function rel(v) {
  if (!Number.isFinite(v)) return '—';
  return v.toExponential(1).replace('e+', 'e').replaceAll('-', '−');
}
