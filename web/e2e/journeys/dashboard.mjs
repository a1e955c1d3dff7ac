// The district dashboard (大屏): first-load time on the demo, the map with the sites coloured by state, no map
// tiles, and a live alarm from the simulator arriving over the WebSocket. Screenshots on a desktop and a phone.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DESKTOP, PHONE, HJ212, check, assert, shot, assertNoOverflow, signIn, newPage, jsWeight } from '../lib.mjs'

/** The repository root: the simulator reads data/demo/sites.json from there. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const BIN = process.env.GREENLOOP_BIN || path.join(ROOT, 'build/greenloop')
/** How long to wait for the simulator's first alarm (the rules hold a value some minutes before alarming). */
const ALARM_WAIT_MS = Number(process.env.E2E_ALARM_WAIT_MS || 240000)

export async function dashboardJourney({ browser }) {
  const { ctx, page } = await newPage(browser, DESKTOP)
  let sim = null
  await check('the dashboard loads with the map, the sites by state and no map tiles', async () => {
    await signIn(page, 'admin')
    const t0 = Date.now()
    await page.goto('/dashboard')
    await page.getByTestId('district-map').locator('path.site-marker').first().waitFor()
    const drawn = Date.now() - t0
    await page.getByTestId('funnel-received').filter({ hasText: /\d/ }).waitFor()
    const all = Date.now() - t0
    const nav = await page.evaluate(() => Math.round(performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? -1))
    console.log(`     dashboard first load: DOMContentLoaded ${nav} ms, map with sites ${drawn} ms, funnel ${all} ms`)
    const w = await jsWeight(page)
    console.log(`     dashboard scripts: ${w.files} files, ${w.kib.toFixed(1)} KiB gzipped (with sign-in and charts)`)
    assert((await page.locator('.leaflet-tile').count()) === 0, 'map tiles requested')
    const colours = await page.getByTestId('district-map').locator('path.site-marker').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('fill')))])
    assert(colours.every((c) => ['#1f9d55', '#7d8791', '#d03050', '#d98c00'].includes(c)), `marker colours ${colours.join(', ')}`)
    await page.getByTestId('dash-aqi').waitFor()
  })

  await check('the dashboard shows a live alarm from the simulator', async () => {
    assert(HJ212, 'HJ212_TARGET not set: no gateway to simulate against')
    const before = new Set(await page.getByTestId('dash-feed').locator('li[data-alarm]').evaluateAll((els) => els.map((e) => e.dataset.alarm)))
    let simErr = ''
    sim = spawn(BIN, ['simulate', '--target', HJ212, '--scenario', 'exceedance', '--interval', '10', '--duration', String(Math.ceil(ALARM_WAIT_MS / 1000) + 30)], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    sim.stderr.on('data', (d) => (simErr = (simErr + d).slice(-2000)))
    const exited = new Promise((resolve) => sim.on('exit', (code) => resolve(code)))
    sim.on('error', (e) => (simErr += String(e)))
    const t0 = Date.now()
    const seen = page.waitForFunction(
      (ids) => [...document.querySelectorAll('[data-testid="dash-feed"] li[data-alarm]')].some((e) => !ids.includes(e.dataset.alarm)),
      [...before],
      { timeout: ALARM_WAIT_MS, polling: 500 },
    )
    seen.catch(() => {})
    const first = await Promise.race([seen.then(() => 'alarm'), exited.then((code) => `exit ${code}`)])
    assert(first === 'alarm', `the simulator ended first (${first}): ${simErr.slice(-600)}`)
    console.log(`     first live alarm after ${((Date.now() - t0) / 1000).toFixed(1)} s of simulation`)
    await page.waitForTimeout(4500) // the new row's flash fades; the sites' reporting state is asked again after 3 s
    await shot(page, 'dashboard-desktop')
  })
  if (sim) sim.kill('SIGTERM')
  await ctx.close()

  const phone = await newPage(browser, PHONE)
  await check('phone: the dashboard fits 390×844', async () => {
    await signIn(phone.page, 'admin')
    await phone.page.goto('/dashboard')
    await phone.page.getByTestId('district-map').locator('path.site-marker').first().waitFor()
    await phone.page.waitForTimeout(800)
    await assertNoOverflow(phone.page)
    await shot(phone.page, 'dashboard-phone')
  })
  await phone.ctx.close()
}
