/**
 * A small, fair measuring loop: each case runs in rounds, interleaved with the others, so that
 * machine noise (another process, CPU frequency) hits every case alike; the median round wins.
 *
 * Time is this process's CPU time (user + system, all its threads), not the wall clock: on a shared
 * machine the wall clock also counts the time other processes held the CPU, which no case spent.
 * The cases do no I/O, so on an idle machine the two agree (the garbage collector's helper threads
 * count either way).
 */
export interface BenchCase {
  name: string;
  fn: () => unknown;
}

export interface BenchResult {
  name: string;
  opsPerSecond: number;
  /** Relative spread of the rounds (max − min) / median. */
  spread: number;
}

/** Milliseconds of CPU time this process has used. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function runFor(fn: () => unknown, ms: number): Promise<number> {
  // Batches amortise the clock reads; an async case is awaited one call at a time.
  const start = cpuMs();
  let calls = 0;
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 64; i++) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
    calls += 64;
    elapsed = cpuMs() - start;
  }
  return (calls / elapsed) * 1000;
}

export async function measure(
  cases: BenchCase[],
  options: { rounds?: number; roundMs?: number; warmupMs?: number } = {},
): Promise<BenchResult[]> {
  const { rounds = 7, roundMs = 300, warmupMs = 300 } = options;
  for (const c of cases) await runFor(c.fn, warmupMs);
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) samples.get(c.name)!.push(await runFor(c.fn, roundMs));
  }
  return cases.map((c) => {
    const sorted = [...samples.get(c.name)!].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return { name: c.name, opsPerSecond: median, spread: (sorted.at(-1)! - sorted[0]!) / median };
  });
}
