#!/usr/bin/env node
// End-to-end check of the browser UI in a real Chromium (Debian's /usr/bin/chromium via playwright-core).
// Needs a running GreenLoop server with the demo data at BASE_URL (it does not start one: see with-server.sh).
// Saves screenshots into tests/screenshots/ and closes with "N passed, M failed"; exits 1 on any failure.
import { chromium } from 'playwright-core'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { feed } from './feed.mjs'

const BASE = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
const PASSWORD = process.env.DEMO_PASSWORD || 'greenloop-demo'
const here = path.dirname(fileURLToPath(import.meta.url))
const SHOTS = path.resolve(here, '../../tests/screenshots')
mkdirSync(SHOTS, { recursive: true })
for (const f of readdirSync(SHOTS)) if (f.startsWith('FAILED-')) rmSync(path.join(SHOTS, f))

/** The HJ 212 gateway of the server under test; when given, a day of readings is fed for a few demo sites. */
const HJ212 = process.env.HJ212_TARGET || ''
const DESKTOP = { viewport: { width: 1440, height: 900 } }
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const T = 15000

let passed = 0
let failed = 0
const pageErrors = []
/** The page the running checks drive; after a failure its open dialogs are closed so later checks start clean. */
let activePage = null

async function check(name, fn) {
  const t0 = Date.now()
  try {
    await fn()
    passed++
    console.log(`ok   ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    failed++
    console.log(`FAIL ${name}: ${(e && e.message ? e.message : String(e)).split('\n').slice(0, 6).join('\n     ')}`)
    if (activePage) {
      await activePage.screenshot({ path: path.join(SHOTS, `FAILED-${name.replace(/[^\w-]+/g, '_').slice(0, 60)}.png`) }).catch(() => {})
      await activePage.reload().catch(() => {})
    }
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg)
}

/** Saves a full-page picture, and for a phone also the first screen (what the user sees without scrolling). */
async function shot(page, name) {
  // Toasts (欢迎, 已保存) fade by themselves; take them away so they cover nothing in the picture.
  await page.evaluate(() => document.querySelectorAll('.el-message').forEach((e) => e.remove()))
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
  if (page.viewportSize().width < 768) await page.screenshot({ path: path.join(SHOTS, `${name}-screen.png`) })
}

/** Nothing may be wider than the viewport (the page itself must not scroll sideways). */
async function assertNoOverflow(page) {
  const { sw, iw } = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    iw: window.innerWidth,
  }))
  assert(sw <= iw + 1, `page is ${sw}px wide in a ${iw}px viewport`)
}

/** Every visible form control has an accessible name (a label, aria-label or aria-labelledby). */
async function assertLabelled(page, scope = 'body') {
  const unnamed = await page.evaluate((sel) => {
    const root = document.querySelector(sel) ?? document.body
    const out = []
    for (const el of root.querySelectorAll('input, select, textarea, button, [role="combobox"]')) {
      if (el.type === 'hidden' || el.hidden) continue
      const r = el.getBoundingClientRect()
      const st = getComputedStyle(el)
      if (r.width === 0 || r.height === 0 || st.visibility === 'hidden' || st.opacity === '0') continue
      const name =
        el.getAttribute('aria-label') ||
        (el.getAttribute('aria-labelledby') || '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join('')
          .trim() ||
        [...(el.labels ?? [])].map((l) => l.textContent).join('').trim() ||
        el.getAttribute('title') ||
        (el.tagName === 'BUTTON' ? el.textContent.trim() : '')
      if (!name) out.push(el.outerHTML.slice(0, 160))
    }
    return out
  }, scope)
  assert(unnamed.length === 0, `controls without a name:\n${unnamed.join('\n')}`)
}

async function newPage(browser, opts) {
  const ctx = await browser.newContext({ ...opts, locale: 'zh-CN', baseURL: BASE })
  const page = await ctx.newPage()
  page.setDefaultTimeout(T)
  activePage = page
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`))
  return { ctx, page }
}

async function signIn(page, login) {
  await page.goto('/login')
  await page.getByLabel('账号').fill(login)
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

async function signOut(page) {
  await page.getByTestId('user-menu').click()
  await page.getByTestId('logout').click()
  await page.waitForURL(/\/login/)
}

/** The navigation group each entry sits in (opened first when collapsed). */
const GROUP_OF = { 监测站点: '监测' }

/** Opens a console page through the left navigation (the phone opens the drawer first). */
async function navTo(page, label, phone = false) {
  if (phone) await page.getByTestId('nav-toggle').click()
  const nav = page.getByRole('navigation', { name: '主导航' })
  const item = nav.getByRole('menuitem', { name: label })
  if (!(await item.isVisible())) await nav.getByText(GROUP_OF[label] ?? '系统管理', { exact: true }).click()
  await item.click()
}

/** The unit names of the listed people (the table on a desktop, cards on a phone). */
async function peopleRows(page) {
  const list = page.locator('[data-testid="people-table"], [data-testid="people-cards"]')
  await list.locator('[data-testid="cell-unit"]').first().waitFor()
  return list.locator('[data-testid="cell-unit"]').allInnerTexts()
}

/** Starts waiting for a response; a check that fails before awaiting it leaves no unhandled rejection behind. */
function expectResponse(page, pred) {
  const p = page.waitForResponse(pred)
  p.catch(() => {})
  return p
}

function waitForPeopleResponse(page, pred) {
  return expectResponse(page, (r) => r.url().includes('/api/v1/people') && r.request().method() === 'GET' && pred(r.url()))
}

/** Gzipped size of the JavaScript a page loaded (what a phone downloads from a server that compresses). */
async function jsWeight(page) {
  const urls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => new URL(n).pathname.endsWith('.js')),
  )
  let bytes = 0
  for (const u of new Set(urls)) bytes += gzipSync(await (await page.request.get(u)).body(), { level: 9 }).length
  return { files: new Set(urls).size, kib: bytes / 1024 }
}

/** Chooses an option of an Element Plus select (its chosen value's label lies over the input, so click the box). */
async function chooseOption(page, combobox, name) {
  const box = combobox.locator('xpath=ancestor::div[contains(@class, "el-select__wrapper")][1]')
  const option = page.getByRole('option', { name, exact: true })
  for (let i = 0; i < 3 && !(await option.isVisible()); i++) {
    await box.click()
    await option.waitFor({ timeout: 3000 }).catch(() => {})
  }
  await option.click()
}

/** Picks a unit in an Element Plus tree-select by typing part of its name. */
async function pickUnit(page, combobox, text) {
  await combobox.click()
  await combobox.fill(text)
  await page.locator('.el-tree-node__content:visible', { hasText: text }).first().click()
}

process.on('unhandledRejection', (e) => {
  failed++
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

// Readings for the site pages: fed while the first checks run, awaited before the monitoring checks.
const fed = HJ212 ? feed(HJ212, 26) : Promise.resolve(null)
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
  console.log(`e2e against ${BASE}`)
  const { ctx, page } = await newPage(browser, DESKTOP)

  await check('sign-in page renders in Chinese with labelled fields', async () => {
    await page.goto('/login')
    await page.getByRole('heading', { name: '绿环' }).waitFor()
    assert(await page.getByLabel('账号').isVisible(), 'no field labelled 账号')
    assert(await page.getByLabel('密码', { exact: true }).isVisible(), 'no field labelled 密码')
    assert((await page.getAttribute('html', 'lang')) === 'zh-CN', 'html lang is not zh-CN')
    await assertLabelled(page)
    await shot(page, 'login-desktop')
  })

  await check('a wrong password is refused with a Chinese message', async () => {
    await page.getByLabel('账号').fill('admin')
    await page.getByLabel('密码', { exact: true }).fill('not-the-password')
    await page.getByTestId('login-submit').click()
    const err = page.getByTestId('login-error')
    await err.waitFor()
    assert((await err.innerText()).includes('账号或密码错误'), `error text: ${await err.innerText()}`)
  })

  await check('admin signs in and the home page draws the schematic subdistrict map', async () => {
    await signIn(page, 'admin')
    await page.getByTestId('district-map').locator('path.leaflet-interactive').first().waitFor()
    const polygons = await page.getByTestId('district-map').locator('path.leaflet-interactive:not(.site-marker)').count()
    assert(polygons >= 1, 'no polygons drawn')
    assert((await page.getByTestId('schematic-badge').innerText()).includes('示意边界'), 'no 示意边界 label')
    const tiles = await page.locator('.leaflet-tile').count()
    assert(tiles === 0, `${tiles} map tiles requested with no tile URL configured`)
    const names = await page.getByTestId('subdistrict-list').locator('li').count()
    assert(names === polygons, `${names} names listed for ${polygons} polygons`)
    await shot(page, 'home-desktop')
    const w = await jsWeight(page)
    console.log(`     console home (with sign-in): ${w.files} scripts, ${w.kib.toFixed(1)} KiB gzipped`)
    // A measurement for the record, not an assertion: a fresh load of the home page until the map is drawn.
    const t0 = Date.now()
    await page.reload()
    await page.getByTestId('district-map').locator('path.leaflet-interactive').first().waitFor()
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0]
      return n ? Math.round(n.domContentLoadedEventEnd) : -1
    })
    console.log(`     home reload: DOMContentLoaded ${nav} ms, map drawn after ${Date.now() - t0} ms`)
    assert(w.kib <= 500, `the console loads ${w.kib.toFixed(1)} KiB of gzipped JavaScript (target 500)`)
  })


  await check('the home map shows the sites as markers coloured by state, with a legend and a summary', async () => {
    await page.goto('/')
    const markers = page.getByTestId('district-map').locator('path.site-marker')
    await markers.first().waitFor()
    const n = await markers.count()
    const all = await (await page.request.get('/api/v1/sites?page_size=500')).json()
    const placed = all.items.filter((s) => s.location).length
    assert(n === placed, `${n} markers for ${placed} located sites`)
    const legend = await page.getByTestId('map-legend').innerText()
    assert(legend.includes('正常') && legend.includes('无数据'), `legend: ${legend}`)
    const summary = await page.getByTestId('site-summary').innerText()
    assert(summary.includes(`共 ${all.total} 个站点`), `summary: ${summary}`)
    // Markers of sites with no device online are grey, those reporting green.
    const colours = await markers.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('fill')))])
    assert(colours.every((c) => ['#1f9d55', '#7d8791'].includes(c)), `marker colours ${colours.join(', ')}`)
    await page.mouse.move(1, 1) // no marker tooltip in the picture
    await page.waitForTimeout(300)
    await shot(page, 'home-sites-desktop')
  })

  await check('a site marker opens a popup that links to the site page', async () => {
    // Markers may overlap or sit under a label: send the click to one directly.
    await page.getByTestId('district-map').locator('path.site-marker').first().dispatchEvent('click')
    const link = page.getByTestId('popup-site-link')
    await link.waitFor()
    await link.click()
    await page.waitForURL(/\/monitoring\/sites\/\d+/)
    await page.getByTestId('site-name').waitFor()
  })

  await check('readings for the demo sites reach the gateway (HJ 212 frames acknowledged)', async () => {
    const r = await fed
    if (!r) {
      console.log('     HJ212_TARGET not set: no readings fed, the charts may be empty')
      return
    }
    console.log(`     fed ${r.sent} frames, ${r.acks} acknowledged`)
    assert(r.acks === r.sent, `${r.sent - r.acks} frames not acknowledged`)
  })

  await check('admin opens the site list under 监测 and filters it by kind', async () => {
    const resp = expectResponse(page, (r) => r.url().includes('/api/v1/sites?') && r.request().method() === 'GET')
    await navTo(page, '监测站点')
    await page.waitForURL(/\/monitoring\/sites$/)
    assert((await resp).status() === 200, 'GET sites failed')
    const rows = page.getByTestId('sites-table').locator('.el-table__body tbody tr')
    await rows.first().waitFor()
    await assertLabelled(page, 'main')
    const filtered = expectResponse(page, (r) => r.url().includes('/api/v1/sites?') && r.url().includes('kind=restaurant'))
    await chooseOption(page, page.getByTestId('site-filters').getByRole('combobox', { name: '站点类型' }), '餐饮油烟')
    const body = await (await filtered).json()
    assert(body.total >= 1, 'no restaurant sites')
    await page.waitForFunction((n) => document.querySelector('[data-testid="sites-total"]')?.textContent?.includes(String(n)), body.total)
    const kinds = await rows.getByTestId('cell-kind').allInnerTexts()
    assert(kinds.length > 0 && kinds.every((k) => k.includes('餐饮油烟')), `kinds: ${[...new Set(kinds)].join(', ')}`)
    assert(page.url().includes('kind=restaurant'), `the filter is not in the address: ${page.url()}`)
    await page.keyboard.press('Escape')
    await shot(page, 'sites-desktop')
  })

  await check('admin opens a restaurant site: devices, fume chart with the DB50/859-2018 limit and flagged values', async () => {
    await page.getByTestId('filter-q').fill('rst-ctm-001')
    await page.getByTestId('sites-search').click()
    const link = page.getByTestId('sites-table').getByTestId('site-link').first()
    await page.getByTestId('sites-table').locator('tbody tr').filter({ hasText: 'rst-ctm-001' }).waitFor()
    const readings = expectResponse(page, (r) => r.url().includes('/readings?') && r.url().includes('kind=raw'))
    await link.click()
    await page.waitForURL(/\/monitoring\/sites\/\d+/)
    assert((await page.getByTestId('site-name').innerText()).includes('青椒巷'), 'wrong site')
    assert((await page.getByTestId('site-attributes').innerText()).includes('DB50/859-2018'), 'fume standard not shown')
    const devices = await page.getByTestId('devices-table').innerText()
    assert(devices.includes('0100C1A01000031500103015'), 'device MN missing')
    const items = (await (await readings).json()).items
    await assertLabelled(page, 'main')
    if (items.length) {
      await page.getByTestId('site-chart').locator('canvas').first().waitFor()
      const notes = await page.getByTestId('limit-note').allInnerTexts()
      assert(notes.some((n) => n.includes('DB50/859-2018') && n.includes('1')), `limit notes: ${notes.join(' | ')}`)
      const flagged = items.filter((i) => i.flag !== 'N').length
      assert(Number(await page.getByTestId('flagged-count').innerText()) === flagged, `flagged count shown differs from ${flagged}`)
      assert(flagged > 0 || !HJ212, 'the fed readings include flagged values, none shown')
    } else {
      assert(!HJ212, 'readings were fed but the chart has none')
      await page.getByTestId('chart-empty').waitFor()
    }
    await page.waitForTimeout(300)
    await shot(page, 'site-desktop')
    const w = await jsWeight(page)
    console.log(`     site page (with sign-in and home): ${w.files} scripts, ${w.kib.toFixed(1)} KiB gzipped`)
  })

  await check('the site chart switches to hourly means with coverage', async () => {
    const hour = expectResponse(page, (r) => r.url().includes('/readings?') && r.url().includes('kind=hour'))
    await page.getByTestId('kind-switch').getByText('小时均值').click()
    const r = await hour
    assert(r.status() === 200, `hour readings answered ${r.status()}`)
    const items = (await r.json()).items
    assert(!HJ212 || items.length > 0, 'no hourly values after feeding')
    if (items.length) {
      assert(items.every((i) => i.coverage >= 0 && i.coverage <= 1), 'coverage out of 0..1')
      await page.getByTestId('site-chart').locator('canvas').first().waitFor()
      assert(page.url().includes('kind=hour'), 'the data kind is not in the address')
    }
    await page.waitForTimeout(300)
    await shot(page, 'site-hour-desktop')
  })

  await check('a construction site charts noise with the GB 12523-2011 day and night limits', async () => {
    const list = await (await page.request.get('/api/v1/sites?q=cst-ctm-01')).json()
    const id = list.items.find((s) => s.code === 'cst-ctm-01').id
    await page.goto(`/monitoring/sites/${id}?factor=LA&kind=raw`)
    await page.getByTestId('site-name').waitFor()
    const notes = page.getByTestId('limit-note')
    await notes.nth(1).waitFor()
    const texts = await notes.allInnerTexts()
    assert(texts.some((t) => t.includes('GB 12523-2011') && t.includes('昼间') && t.includes('70')), texts.join(' | '))
    assert(texts.some((t) => t.includes('夜间') && t.includes('55')), texts.join(' | '))
    if (HJ212) await page.getByTestId('site-chart').locator('canvas').first().waitFor()
    await page.waitForTimeout(300)
    await shot(page, 'site-noise-desktop')
  })

  let adminTotal = 0
  await check('admin opens people admin from the navigation', async () => {
    const resp = waitForPeopleResponse(page, () => true)
    await navTo(page, '人员管理')
    await page.waitForURL(/\/admin\/people/)
    const r = await resp
    assert(r.status() === 200, `GET people answered ${r.status()}`)
    adminTotal = (await r.json()).total
    const units = await peopleRows(page)
    assert(units.length > 0, 'no rows')
    assert(await page.getByTestId('person-create').isVisible(), 'admin sees no 新建 button')
    await assertLabelled(page, 'main')
    await shot(page, 'people-admin-desktop')
  })

  await check('admin filters people by a unit (化龙桥)', async () => {
    const filters = page.getByTestId('people-filters')
    await filters.getByRole('combobox', { name: '所属单位' }).click()
    await page.keyboard.type('化龙桥')
    const node = page.locator('.el-tree-node__content:visible', { hasText: '化龙桥' }).first()
    const resp = waitForPeopleResponse(page, (u) => /[?&]unit=\d+/.test(u))
    await node.click()
    const r = await resp
    assert(r.status() === 200, `GET people?unit= answered ${r.status()}`)
    const body = await r.json()
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="people-total"]')?.textContent?.includes(String(n)),
      body.total,
    )
    const units = await peopleRows(page)
    assert(units.length > 0, 'no one in 化龙桥')
    assert(units.every((u) => u.includes('化龙桥')), `rows from other units: ${units.join(', ')}`)
    assert(body.total <= adminTotal, `filtered total ${body.total} > all ${adminTotal}`)
    await page.keyboard.press('Escape')
    await shot(page, 'people-filtered-desktop')
  })

  await check('admin sees the unit tree', async () => {
    await navTo(page, '单位管理')
    await page.waitForURL(/\/admin\/units/)
    const rows = page.getByTestId('units-table').locator('.el-table__body tbody tr')
    await rows.first().waitFor()
    const n = await rows.count()
    assert(n >= 12, `only ${n} unit rows`)
    const text = await page.getByTestId('units-table').innerText()
    assert(text.includes('渝中') && text.includes('化龙桥'), 'district or subdistrict missing from the tree')
    await shot(page, 'units-desktop')
  })

  const stamp = Date.now().toString(36)
  const newLogin = `e2e.${stamp}`
  await check('admin creates, edits, resets the password of and deactivates a person', async () => {
    await navTo(page, '人员管理')
    await page.waitForURL(/\/admin\/people/)
    await page.getByTestId('person-create').click()
    const dlg = page.getByRole('dialog', { name: '新建人员' })
    await dlg.getByLabel('账号').fill(newLogin)
    await dlg.getByLabel('姓名').fill('测试人员')
    await pickUnit(page, dlg.getByRole('combobox', { name: '所属单位' }), '化龙桥')
    await dlg.getByLabel('联系电话').fill('13800000000')
    await assertLabelled(page, '[data-testid="person-form"]')
    await dlg.getByLabel('初始密码').fill('short')
    await dlg.getByTestId('person-save').click()
    await dlg.getByText('密码至少 10 个字符').waitFor()
    await dlg.getByLabel('初始密码').fill('e2e-password-1')
    const created = expectResponse(page, (r) => r.url().endsWith('/api/v1/people') && r.request().method() === 'POST')
    await dlg.getByTestId('person-save').click()
    const cr = await created
    assert(cr.status() === 201, `POST people answered ${cr.status()}: ${(await cr.text()).slice(0, 300)}`)
    await dlg.waitFor({ state: 'hidden' })

    await page.getByTestId('filter-q').fill(newLogin)
    await page.getByTestId('people-search').click()
    const row = page.getByTestId('people-table').locator('tbody tr', { hasText: newLogin })
    await row.waitFor()

    await row.getByRole('button', { name: '编辑' }).click()
    const edit = page.getByRole('dialog', { name: '编辑人员' })
    await edit.getByLabel('姓名').fill('测试人员（改）')
    const patched = expectResponse(page, (r) => /\/api\/v1\/people\/\d+$/.test(r.url()) && r.request().method() === 'PATCH')
    await edit.getByTestId('person-save').click()
    const pr = await patched
    assert(pr.status() === 200, `PATCH people answered ${pr.status()}`)
    assert(JSON.stringify(pr.request().postDataJSON()) === JSON.stringify({ name: '测试人员（改）' }), `PATCH sent ${pr.request().postData()}`)
    await row.getByText('测试人员（改）').waitFor()

    await row.getByRole('button', { name: '重置密码' }).click()
    const reset = page.getByRole('dialog', { name: /重置密码/ })
    await reset.getByLabel('新密码', { exact: true }).fill('e2e-password-2')
    await reset.getByLabel('确认新密码').fill('e2e-password-2')
    const resetResp = expectResponse(page, (r) => /\/api\/v1\/people\/\d+$/.test(r.url()) && r.request().method() === 'PATCH')
    await reset.getByRole('button', { name: '保存' }).click()
    assert((await resetResp).status() === 200, 'password reset refused')
    await reset.waitFor({ state: 'hidden' })

    const probe = await browser.newContext({ baseURL: BASE })
    const ok = await probe.request.post('/api/v1/session', { data: { login: newLogin, password: 'e2e-password-2' } })
    assert(ok.status() === 200, `the new password does not sign in (${ok.status()})`)
    await probe.close()

    await shot(page, 'people-edited-desktop')
    await row.getByRole('button', { name: '停用' }).click()
    const box = page.getByRole('dialog', { name: '停用人员' })
    const deact = expectResponse(page, (r) => /\/deactivate$/.test(r.url()))
    await box.getByRole('button', { name: '停用' }).click()
    assert((await deact).status() === 200, 'deactivate refused')
    await row.waitFor({ state: 'detached' })

    const probe2 = await browser.newContext({ baseURL: BASE })
    const refused = await probe2.request.post('/api/v1/session', { data: { login: newLogin, password: 'e2e-password-2' } })
    assert(refused.status() === 401, `a deactivated person still signs in (${refused.status()})`)
    await probe2.close()
  })

  await check('admin creates and renames a unit, then deactivates it', async () => {
    await navTo(page, '单位管理')
    await page.waitForURL(/\/admin\/units/)
    await page.getByTestId('unit-create').click()
    const dlg = page.getByRole('dialog', { name: '新建单位' })
    await pickUnit(page, dlg.getByRole('combobox', { name: '上级单位' }), '化龙桥')
    await chooseOption(page, dlg.getByRole('combobox', { name: '单位类型' }), '企业')
    await assertLabelled(page, '[data-testid="unit-form"]')
    await dlg.getByLabel('单位编码').fill(`e2e_${stamp}`)
    await dlg.getByLabel('单位名称').fill(`测试企业${stamp}（演示）`)
    await dlg.getByLabel('英文名称').fill(`Test enterprise ${stamp}`)
    const created = expectResponse(page, (r) => r.url().endsWith('/api/v1/units') && r.request().method() === 'POST')
    await dlg.getByTestId('unit-save').click()
    const cr = await created
    assert(cr.status() === 201, `POST units answered ${cr.status()}: ${(await cr.text()).slice(0, 300)}`)
    await dlg.waitFor({ state: 'hidden' })
    const row = page.getByTestId('units-table').locator('tbody tr', { hasText: `e2e_${stamp}` })
    await row.waitFor()
    await row.getByRole('button', { name: '编辑' }).click()
    const edit = page.getByRole('dialog', { name: '编辑单位' })
    await edit.getByLabel('单位名称').fill(`测试企业${stamp}（已改名）`)
    await edit.getByTestId('unit-save').click()
    await row.getByText('（已改名）').waitFor()
    await row.getByRole('button', { name: '停用' }).click()
    const deact = expectResponse(page, (r) => /\/api\/v1\/units\/\d+\/deactivate$/.test(r.url()))
    await page.getByRole('dialog', { name: '停用单位' }).getByRole('button', { name: '停用' }).click()
    assert((await deact).status() === 200, 'deactivate refused')
    await row.waitFor({ state: 'detached' })
  })

  await check('the language switch turns the console into English and back', async () => {
    await page.getByTestId('lang-switch').click()
    await page.getByRole('heading', { name: 'Units' }).waitFor()
    assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang is not en')
    await shot(page, 'units-desktop-en')
    await page.getByTestId('lang-switch').click()
    await page.getByRole('heading', { name: '单位管理' }).waitFor()
  })

  await check('an ended session leads back to sign-in and then to the same page', async () => {
    await navTo(page, '人员管理')
    await page.waitForURL(/\/admin\/people/)
    await page.context().clearCookies() // as if the session expired on the server
    await page.getByTestId('people-search').click()
    await page.waitForURL(/\/login\?redirect=/)
    await page.getByText('登录已过期，请重新登录').waitFor()
    await page.getByLabel('账号').fill('admin')
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.waitForURL(/\/admin\/people/)
  })

  await check('admin signs out', async () => {
    await signOut(page)
    const r = await page.request.get('/api/v1/me')
    assert(r.status() === 401, `GET /me after sign-out answered ${r.status()}`)
  })

  await check('hlq.officer sees only the people of their own unit, read-only', async () => {
    await signIn(page, 'hlq.officer')
    const me = await (await page.request.get('/api/v1/me')).json()
    const unitName = me.user.unit.name
    const resp = waitForPeopleResponse(page, () => true)
    await navTo(page, '人员管理')
    const r = await resp
    assert(r.status() === 200, `GET people answered ${r.status()}`)
    const units = await peopleRows(page)
    assert(units.length > 0, 'no rows')
    assert(units.every((u) => u === unitName), `rows outside ${unitName}: ${units.join(', ')}`)
    assert((await page.getByTestId('person-create').count()) === 0, 'officer sees a 新建 button')
    const nav = page.getByRole('navigation', { name: '主导航' })
    assert((await nav.getByRole('menuitem', { name: '单位管理' }).count()) === 0, 'officer sees 单位管理 in the menu')
    await shot(page, 'people-officer-desktop')
  })

  await check('hlq.officer is refused the units page (403)', async () => {
    await page.goto('/admin/units')
    await page.getByTestId('error-403').waitFor()
  })

  await check('hlq.officer may not list another unit (server answers 403)', async () => {
    const units = await (await page.request.get('/api/v1/units?kind=subdistrict&page_size=100')).json()
    const mine = (await (await page.request.get('/api/v1/me')).json()).user.unit.id
    const other = units.items?.find((u) => u.id !== mine && u.kind === 'subdistrict')
    assert(other, 'no other subdistrict to ask for')
    const r = await page.request.get(`/api/v1/people?unit=${other.id}`)
    assert(r.status() === 403, `listing ${other.name} answered ${r.status()}`)
  })

  await ctx.close()

  const anon = await newPage(browser, DESKTOP)
  await check('the public portal opens without signing in', async () => {
    await anon.page.goto('/portal')
    for (const id of ['report', 'track', 'air', 'water']) await anon.page.getByTestId(`portal-${id}`).waitFor()
    for (const h of ['我要举报', '进度查询', '今日空气质量', '河流水质']) {
      assert(await anon.page.getByRole('heading', { name: h }).isVisible(), `no heading ${h}`)
    }
    await shot(anon.page, 'portal-desktop')
    const w = await jsWeight(anon.page)
    console.log(`     portal first load: ${w.files} scripts, ${w.kib.toFixed(1)} KiB gzipped`)
    assert(w.kib <= 250, `the portal loads ${w.kib.toFixed(1)} KiB of gzipped JavaScript (target 250)`)
  })
  await check('unknown paths show the 404 page', async () => {
    await anon.page.goto('/no/such/page')
    await anon.page.getByTestId('error-404').waitFor()
  })
  await anon.ctx.close()

  const phone = await newPage(browser, PHONE)
  const p = phone.page
  await check('phone: sign-in page fits 390×844', async () => {
    await p.goto('/login')
    await p.getByLabel('账号').waitFor()
    await assertNoOverflow(p)
    await shot(p, 'login-phone')
  })
  await check('phone: signing in works with the keyboard alone', async () => {
    await p.getByLabel('账号').focus()
    await p.keyboard.type('admin')
    await p.keyboard.press('Tab')
    await p.keyboard.type(PASSWORD)
    await p.keyboard.press('Enter')
    await p.waitForURL((u) => !u.pathname.startsWith('/login'))
  })
  await check('phone: home map fits', async () => {
    if (new URL(p.url()).pathname.startsWith('/login')) await signIn(p, 'admin')
    await p.getByTestId('district-map').locator('path.leaflet-interactive').first().waitFor()
    await assertNoOverflow(p)
    await shot(p, 'home-phone')
  })
  await check('phone: people admin through the navigation drawer fits', async () => {
    await navTo(p, '人员管理', true)
    await p.waitForURL(/\/admin\/people/)
    await peopleRows(p)
    await p.waitForTimeout(400) // the drawer's closing animation
    await assertNoOverflow(p)
    await shot(p, 'people-phone')
    await p.getByTestId('person-create').click()
    const dlg = p.getByRole('dialog', { name: '新建人员' })
    await dlg.getByLabel('姓名').waitFor()
    const box = await dlg.boundingBox()
    assert(box && box.x >= 0 && box.x + box.width <= 390, `the form dialog spans ${box?.x}..${box ? box.x + box.width : '?'}`)
    await assertLabelled(p, '[data-testid="person-form"]')
    await p.waitForTimeout(400) // the dialog's fade-in
    await p.screenshot({ path: path.join(SHOTS, 'person-form-phone-screen.png') })
    await dlg.getByRole('button', { name: '取消' }).click()
    await dlg.waitFor({ state: 'hidden' })
  })
  await check('phone: units page fits (the table scrolls inside its card)', async () => {
    await navTo(p, '单位管理', true)
    await p.waitForURL(/\/admin\/units/)
    await p.getByTestId('units-table').locator('.el-table__body tbody tr').first().waitFor()
    await p.waitForTimeout(400)
    await assertNoOverflow(p)
    await shot(p, 'units-phone')
  })
  await check('phone: the site list shows cards and fits 390×844', async () => {
    await navTo(p, '监测站点', true)
    await p.waitForURL(/\/monitoring\/sites/)
    await p.getByTestId('site-cards').locator('li.card').first().waitFor()
    await p.waitForTimeout(400) // the drawer's closing animation
    await assertNoOverflow(p)
    await assertLabelled(p, 'main')
    await shot(p, 'sites-phone')
  })
  await check('phone: a site page with its chart fits', async () => {
    await p.getByTestId('filter-q').fill('rst-ctm-001')
    await p.getByTestId('sites-search').click()
    await p.getByTestId('site-cards').locator('li.card').filter({ hasText: '青椒巷' }).first().waitFor()
    await p.getByTestId('site-cards').getByTestId('site-link').first().click()
    await p.waitForURL(/\/monitoring\/sites\/\d+/)
    await p.getByTestId('site-name').waitFor()
    await p.getByTestId('device-cards').waitFor()
    if (HJ212) await p.getByTestId('site-chart').locator('canvas').first().waitFor()
    else await p.locator('[data-testid="site-chart"], [data-testid="chart-empty"]').first().waitFor()
    await p.waitForTimeout(400)
    await assertNoOverflow(p)
    await assertLabelled(p, 'main')
    await shot(p, 'site-phone')
  })
  await check('phone: public portal fits', async () => {
    await p.goto('/portal')
    await p.getByTestId('portal-water').waitFor()
    await assertNoOverflow(p)
    await shot(p, 'portal-phone')
  })
  await phone.ctx.close()

  await check('no uncaught errors in the pages', async () => {
    assert(pageErrors.length === 0, pageErrors.join('\n'))
  })
} catch (e) {
  failed++
  console.log(`FAIL runner: ${e && e.message ? e.message : e}`)
} finally {
  await browser.close()
}

console.log(`screenshots in ${SHOTS}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
