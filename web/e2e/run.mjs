#!/usr/bin/env node
// End-to-end check of the browser UI in a real Chromium (Debian's /usr/bin/chromium via playwright-core).
// Needs a running GreenLoop server with the demo data at BASE_URL (it does not start one: see with-server.sh).
// Saves screenshots into tests/screenshots/ and closes with "N passed, M failed"; exits 1 on any failure.
import { chromium } from 'playwright-core'
import { feed } from './feed.mjs'
import { BASE, HJ212, DESKTOP, PHONE, SHOTS, results, check, assert, newPage } from './lib.mjs'
import { consoleJourney } from './journeys/console.mjs'
import { adminJourney } from './journeys/admin.mjs'
import { portalJourney } from './journeys/portal.mjs'
import { phoneJourney } from './journeys/phone.mjs'
import { casesJourney } from './journeys/cases.mjs'
import { dashboardJourney } from './journeys/dashboard.mjs'

process.on('unhandledRejection', (e) => {
  results.failed++
  console.log(`FAIL unhandled: ${e && e.message ? e.message.split('\n')[0] : e}`)
})

try {
  const r = await fetch(`${BASE}/healthz`)
  if (!r.ok) throw new Error(`status ${r.status}`)
} catch (e) {
  console.log(`FAIL server at ${BASE} is not answering /healthz (${e.message}); start it first (see e2e/with-server.sh)`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

/** E2E_ONLY=cases,dashboard runs only those journeys (while working on them); all by default. */
const ONLY = (process.env.E2E_ONLY || '').split(',').filter(Boolean)
const wanted = (name) => !ONLY.length || ONLY.includes(name)

// Readings for the site pages: fed while the first checks run, awaited before the monitoring checks.
const fed = HJ212 && wanted('console') ? feed(HJ212, 26) : Promise.resolve(null)
fed.catch(() => {})

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // playwright-core gives every launch a fresh, empty temporary profile (the --user-data-dir).
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})

try {
  console.log(`e2e against ${BASE}${ONLY.length ? ` (only ${ONLY.join(', ')})` : ''}`)
  if (wanted('console') || wanted('admin')) {
    const { ctx, page } = await newPage(browser, DESKTOP)
    if (wanted('console')) await consoleJourney({ page, fed })
    if (wanted('admin')) await adminJourney({ browser, page })
    await ctx.close()
  }
  if (wanted('portal')) {
    const anon = await newPage(browser, DESKTOP)
    await portalJourney({ page: anon.page })
    await anon.ctx.close()
  }
  if (wanted('phone')) {
    const phone = await newPage(browser, PHONE)
    await phoneJourney({ page: phone.page })
    await phone.ctx.close()
  }
  if (wanted('cases')) await casesJourney({ browser })
  if (wanted('dashboard')) await dashboardJourney({ browser })

  await check('no uncaught errors in the pages', async () => {
    assert(results.pageErrors.length === 0, results.pageErrors.join('\n'))
  })
} catch (e) {
  results.failed++
  console.log(`FAIL runner: ${e && e.message ? e.message : e}`)
} finally {
  await browser.close()
}

console.log(`screenshots in ${SHOTS}`)
console.log(`${results.passed} passed, ${results.failed} failed`)
process.exit(results.failed ? 1 : 0)
