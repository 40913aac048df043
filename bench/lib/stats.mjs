// Order statistics over samples in milliseconds.
export function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { n: s.length, median: at(0.5), p50: at(0.5), p99: at(0.99), min: s[0], max: s[s.length - 1] };
}
