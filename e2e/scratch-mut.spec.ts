import { test, openReady, startFollowedLiveRun, stopRun } from './fixtures.ts';
test('canvas size while following', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openReady(page);
  for (const engine of ['reference', 'transformer'] as const) {
    await startFollowedLiveRun(page, engine);
    const r = await page.evaluate(() => new Promise<string[]>((res) => {
      const out: string[] = [];
      const t0 = performance.now();
      const o = new MutationObserver((ms) => { for (const m of ms) { const e = m.target as HTMLElement; if (e.tagName === 'CANVAS' && e.classList.contains('tok-canvas')) out.push(`${Math.round(performance.now() - t0)} ${m.attributeName}=${e.getAttribute(m.attributeName!)} old=${m.oldValue}`); if (e.classList?.contains('tok-explain') || e.dataset?.testid === 'token-explanation') out.push(`expl h=${e.getBoundingClientRect().height}`); } });
      o.observe(document.body, { subtree: true, attributes: true, attributeOldValue: true });
      const sc = document.querySelector('.tok-scroll') as HTMLElement;
      const ro = new ResizeObserver(() => out.push(`scroll ${sc.clientWidth}x${sc.clientHeight}`)); ro.observe(sc);
      setTimeout(() => { o.disconnect(); ro.disconnect(); res(out); }, 3000);
    }));
    console.log(engine, r.join('\n'));
    await stopRun(page);
  }
});
