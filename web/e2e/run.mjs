#!/usr/bin/env node
// End-to-end check of the browser UI in a real Chromium (Debian's /usr/bin/chromium via playwright-core).
// Needs a running GreenLoop server with the demo data at BASE_URL (it does not start one: see with-server.sh).
// Saves screenshots into tests/screenshots/ and closes with "N passed, M failed"; exits 1 on any failure.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const BASE = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
const PASSWORD = process.env.DEMO_PASSWORD || 'greenloop-demo'
const here = path.dirname(fileURLToPath(import.meta.url))
const SHOTS = path.resolve(here, '../../tests/screenshots')
mkdirSync(SHOTS, { recursive: true })

const DESKTOP = { viewport: { width: 1440, height: 900 } }
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const T = 15000

let passed = 0
let failed = 0
const pageErrors = []

async function check(name, fn) {
  const t0 = Date.now()
  try {
    await fn()
    passed++
    console.log(`ok   ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    failed++
    console.log(`FAIL ${name}: ${(e && e.message ? e.message : String(e)).split('\n').slice(0, 6).join('\n     ')}`)
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg)
}

async function shot(page, name) {
  // Toasts (欢迎, 已保存) fade by themselves; take them away so they cover nothing in the picture.
  await page.evaluate(() => document.querySelectorAll('.el-message').forEach((e) => e.remove()))
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

/** Nothing may be wider than the viewport (the page itself must not scroll sideways). */
async function assertNoOverflow(page) {
  const { sw, iw } = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    iw: window.innerWidth,
  }))
  assert(sw <= iw + 1, `page is ${sw}px wide in a ${iw}px viewport`)
}

async function newPage(browser, opts) {
  const ctx = await browser.newContext({ ...opts, locale: 'zh-CN', baseURL: BASE })
  const page = await ctx.newPage()
  page.setDefaultTimeout(T)
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

/** Opens a console page through the left navigation (the phone opens the drawer first). */
async function navTo(page, label, phone = false) {
  if (phone) await page.getByTestId('nav-toggle').click()
  const nav = page.getByRole('navigation', { name: '主导航' })
  const item = nav.getByRole('menuitem', { name: label })
  if (!(await item.isVisible())) await nav.getByText('系统管理').click()
  await item.click()
}

async function peopleRows(page) {
  await page.getByTestId('people-table').locator('.el-table__body tbody tr').first().waitFor()
  return page.getByTestId('people-table').locator('[data-testid="cell-unit"]').allInnerTexts()
}

async function waitForPeopleResponse(page, pred) {
  return page.waitForResponse((r) => r.url().includes('/api/v1/people') && r.request().method() === 'GET' && pred(r.url()))
}

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
    const polygons = await page.getByTestId('district-map').locator('path.leaflet-interactive').count()
    assert(polygons >= 1, 'no polygons drawn')
    assert((await page.getByTestId('schematic-badge').innerText()).includes('示意边界'), 'no 示意边界 label')
    const tiles = await page.locator('.leaflet-tile').count()
    assert(tiles === 0, `${tiles} map tiles requested with no tile URL configured`)
    const names = await page.getByTestId('subdistrict-list').locator('li').count()
    assert(names === polygons, `${names} names listed for ${polygons} polygons`)
    await shot(page, 'home-desktop')
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

  await check('the language switch turns the console into English and back', async () => {
    await page.getByTestId('lang-switch').click()
    await page.getByRole('heading', { name: 'Units' }).waitFor()
    assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang is not en')
    await shot(page, 'units-desktop-en')
    await page.getByTestId('lang-switch').click()
    await page.getByRole('heading', { name: '单位管理' }).waitFor()
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
  await check('phone: home map fits', async () => {
    await signIn(p, 'admin')
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
