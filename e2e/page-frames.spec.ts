import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { test, openReady, waitForRunEnd, frameGaps, pct, OUT_DIR, startFollowedLiveRun } from './fixtures.ts';

/**
 * Frame latency while a live transformer run is followed (issue #13's p95 ≤ 20 ms), with a
 * Chrome performance trace of the same seconds summarised by where the main thread spent its
 * time (SLOW=1 only; printed and written to e2e-out/page-frames.json, not asserted). The raw trace
 * is e2e-out/page-frames-trace.json (open it in chrome://tracing or the DevTools Performance panel).
 */
test.skip(!process.env.SLOW, 'figures: SLOW=1');
test.setTimeout(600_000);


interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string; data?: { functionName?: string; url?: string } } }

/** Self time (ms) per event name on the renderer's main thread, largest first. */
function selfTimes(events: TraceEvent[]): { top: [string, number][]; longTasks: number; busyMs: number; cpuMs: number; counts: Record<string, number> } {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return { top: [], longTasks: 0, busyMs: 0, cpuMs: 0, counts: {} };
  const xs = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { end: number; key: string }[] = [];
  let longTasks = 0;
  let busyMs = 0;
  // CPU time of the top-level tasks (thread time): what the page itself costs, whatever else
  // competes for the cores (wall time `busyMs` includes the waits for a core).
  let cpuMs = 0;
  const counts: Record<string, number> = {};
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const fn = e.args?.data?.functionName;
    const key = e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? `${e.name} ${fn || ''} ${(e.args?.data?.url ?? '').replace(/^.*\//, '')}` : e.name;
    if (stack.length) self.set(stack[stack.length - 1].key, (self.get(stack[stack.length - 1].key) ?? 0) - e.dur! / 1000);
    else {
      busyMs += e.dur! / 1000;
      cpuMs += (e.tdur ?? 0) / 1000;
      if (e.name === 'RunTask' && e.dur! > 20_000) longTasks++;
    }
    self.set(key, (self.get(key) ?? 0) + e.dur! / 1000);
    if (e.name === 'Paint' || e.name === 'Layout' || e.name === 'Commit' || e.name === 'UpdateLayoutTree') counts[e.name] = (counts[e.name] ?? 0) + 1;
    stack.push({ end: e.ts + e.dur!, key });
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => [k, Math.round(v)] as [string, number]);
  return { top, longTasks, busyMs: Math.round(busyMs), cpuMs: Math.round(cpuMs), counts };
}

test('frames while following a live transformer run, with a trace of where the main thread goes', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openReady(page);
  await startFollowedLiveRun(page);

  const plain = await frameGaps(page, () => page.waitForTimeout(6_000));
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  const traced = await frameGaps(page, () => page.waitForTimeout(4_000));
  const trace = await browser.stopTracing();
  await page.getByTestId('stop').click();
  await waitForRunEnd(page);

  writeFileSync(`${OUT_DIR}/page-frames-trace.json`, trace);
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const figures = {
    when: new Date().toISOString(),
    // Other jobs on the machine take the CPU the page's main thread and workers need: say how many.
    loadAverage1m: loadavg()[0],
    frameGapsWhileFollowing: { frames: plain.length, p50: pct(plain, 50), p95: pct(plain, 95), max: Math.max(...plain) },
    whileTraced: { frames: traced.length, p50: pct(traced, 50), p95: pct(traced, 95), max: Math.max(...traced) },
    mainThreadSelfMs: selfTimes(events),
  };
  writeFileSync(`${OUT_DIR}/page-frames.json`, JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures, null, 2));
});
