// Small statistics for the bench: medians, spreads of per-run ratios, growth exponents.
// Every ratio the bench reports is computed per run (ours and the yardstick measured back to back
// in that run) and then summarised, so a busy host moves both sides of each ratio together.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Linear-interpolated quantile, q in [0, 1]. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** { median, min, max, q1, q3, runs } of a list of per-run values. */
export function spread(xs) {
  return {
    median: median(xs),
    min: Math.min(...xs),
    max: Math.max(...xs),
    q1: quantile(xs, 0.25),
    q3: quantile(xs, 0.75),
    runs: xs.length,
  };
}

/**
 * Growth exponent k in time ∝ size^k: the slope of log(time) against log(size), both between the
 * last two points and as a least-squares fit over all points. k ≈ 1 is linear; small sizes carry a
 * fixed per-call cost, so the fit over the whole range reads lower than the last-pair slope.
 */
export function growth(points) {
  const ok = points.filter((p) => p.size > 0 && p.value > 0);
  if (ok.length < 2) return { lastPair: null, fit: null };
  const a = ok[ok.length - 2];
  const b = ok[ok.length - 1];
  const lastPair = Math.log(b.value / a.value) / Math.log(b.size / a.size);
  const xs = ok.map((p) => Math.log(p.size));
  const ys = ok.map((p) => Math.log(p.value));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return { lastPair, fit: num / den };
}

// ---------------------------------------------------------------- formatting

export function fmtNum(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  const abs = Math.abs(x);
  const d = abs >= 100 ? 0 : abs >= 10 ? Math.min(digits, 1) : digits;
  return x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: 0 });
}

/** "9.3× (8.7–9.9, 11 runs)" */
export function fmtRatio(s) {
  if (!s) return "—";
  const r = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
  return `${r(s.median)}× (${r(s.min)}–${r(s.max)}, ${s.runs} runs)`;
}

export function fmtBytes(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(1)} KB`;
  return `${Math.round(n)} B`;
}

export function fmtMs(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "—";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return ms >= 0.01 ? `${(ms * 1000).toFixed(0)} µs` : `${(ms * 1000).toFixed(1)} µs`;
}

/** Plain-text table with right-aligned columns where `align[i] === "r"`. */
export function table(header, rows, align = []) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c)));
  const width = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (align[i] === "r" ? c.padStart(width[i]) : c.padEnd(width[i]))).join("  ").trimEnd();
  return [line(all[0]), width.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

/**
 * CPU time of this process in ms (user + system, all threads, so GC helper threads count).
 * The bench times in-process work with it rather than the wall clock: on a shared host a
 * descheduled process loses wall time it did not spend, while CPU time is charged to the
 * microsecond. It is never less than the main thread's own time, so it cannot flatter a figure.
 */
export function cpuMs() {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** CPU ms per call of `fn`, over as many calls as fill `minMs` of CPU time (cpuMs above). */
export function timePasses(fn, minMs) {
  let passes = 0;
  const t0 = cpuMs();
  let t = t0;
  do {
    fn();
    passes++;
    t = cpuMs();
  } while (t - t0 < minMs);
  return (t - t0) / passes;
}
