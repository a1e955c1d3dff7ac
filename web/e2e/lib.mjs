// Shared helpers of the browser end-to-end checks: the server under test, the check runner (counts, a
// FAILED- screenshot on failure), screenshots, layout and labelling assertions, sign-in and navigation.
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const BASE = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
export const PASSWORD = process.env.DEMO_PASSWORD || 'greenloop-demo'
const here = path.dirname(fileURLToPath(import.meta.url))
export const SHOTS = path.resolve(here, '../../tests/screenshots')
mkdirSync(SHOTS, { recursive: true })
for (const f of readdirSync(SHOTS)) if (f.startsWith('FAILED-')) rmSync(path.join(SHOTS, f))

/** The HJ 212 gateway of the server under test; when given, a day of readings is fed for a few demo sites. */
export const HJ212 = process.env.HJ212_TARGET || ''
export const DESKTOP = { viewport: { width: 1440, height: 900 } }
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
export const T = 15000

/** Results of the run; `activePage` is the page the running checks drive (after a failure it is reloaded so later checks start clean). */
export const results = { passed: 0, failed: 0, pageErrors: [], activePage: null }

export async function check(name, fn) {
  const t0 = Date.now()
  try {
    await fn()
    results.passed++
    console.log(`ok   ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    results.failed++
    console.log(`FAIL ${name}: ${(e && e.message ? e.message : String(e)).split('\n').slice(0, 6).join('\n     ')}`)
    if (results.activePage) {
      await results.activePage.screenshot({ path: path.join(SHOTS, `FAILED-${name.replace(/[^\w-]+/g, '_').slice(0, 60)}.png`) }).catch(() => {})
      await results.activePage.reload().catch(() => {})
    }
  }
}

export function assert(cond, msg) {
  if (!cond) throw new Error(msg)
}

/** Saves a full-page picture, and for a phone also the first screen (what the user sees without scrolling). */
export async function shot(page, name) {
  // Toasts (欢迎, 已保存) fade by themselves; take them away so they cover nothing in the picture.
  await page.evaluate(() => document.querySelectorAll('.el-message').forEach((e) => e.remove()))
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
  if (page.viewportSize().width < 768) await page.screenshot({ path: path.join(SHOTS, `${name}-screen.png`) })
}

/** Nothing may be wider than the viewport (the page itself must not scroll sideways). */
export async function assertNoOverflow(page) {
  const { sw, iw } = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    iw: window.innerWidth,
  }))
  assert(sw <= iw + 1, `page is ${sw}px wide in a ${iw}px viewport`)
}

/** Every visible form control has an accessible name (a label, aria-label or aria-labelledby). */
export async function assertLabelled(page, scope = 'body') {
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

export async function newPage(browser, opts) {
  const ctx = await browser.newContext({ ...opts, locale: 'zh-CN', baseURL: BASE })
  const page = await ctx.newPage()
  page.setDefaultTimeout(T)
  results.activePage = page
  page.on('pageerror', (e) => results.pageErrors.push(`${page.url()}: ${e.message}`))
  return { ctx, page }
}

export async function signIn(page, login) {
  await page.goto('/login')
  await page.getByLabel('账号').fill(login)
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

export async function signOut(page) {
  await page.getByTestId('user-menu').click()
  await page.getByTestId('logout').click()
  await page.waitForURL(/\/login/)
}

/** The navigation group each entry sits in (opened first when collapsed). */
export const GROUP_OF = { 监测站点: '监测' }

/** Opens a console page through the left navigation (the phone opens the drawer first). */
export async function navTo(page, label, phone = false) {
  if (phone) await page.getByTestId('nav-toggle').click()
  const nav = page.getByRole('navigation', { name: '主导航' })
  const item = nav.getByRole('menuitem', { name: label })
  if (!(await item.isVisible())) await nav.getByText(GROUP_OF[label] ?? '系统管理', { exact: true }).click()
  await item.click()
}

/** The unit names of the listed people (the table on a desktop, cards on a phone). */
export async function peopleRows(page) {
  const list = page.locator('[data-testid="people-table"], [data-testid="people-cards"]')
  await list.locator('[data-testid="cell-unit"]').first().waitFor()
  return list.locator('[data-testid="cell-unit"]').allInnerTexts()
}

/** Starts waiting for a response; a check that fails before awaiting it leaves no unhandled rejection behind. */
export function expectResponse(page, pred) {
  const p = page.waitForResponse(pred)
  p.catch(() => {})
  return p
}

export function waitForPeopleResponse(page, pred) {
  return expectResponse(page, (r) => r.url().includes('/api/v1/people') && r.request().method() === 'GET' && pred(r.url()))
}

/** Gzipped size of the JavaScript a page loaded (what a phone downloads from a server that compresses). */
export async function jsWeight(page) {
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
export async function chooseOption(page, combobox, name) {
  const box = combobox.locator('xpath=ancestor::div[contains(@class, "el-select__wrapper")][1]')
  const option = page.getByRole('option', { name, exact: true })
  for (let i = 0; i < 3 && !(await option.isVisible()); i++) {
    await box.click()
    await option.waitFor({ timeout: 3000 }).catch(() => {})
  }
  await option.click()
}

/** Picks a unit in an Element Plus tree-select by typing part of its name. */
export async function pickUnit(page, combobox, text) {
  const box = combobox.locator('xpath=ancestor::div[contains(@class, "el-select__wrapper")][1]')
  // Under load the dropdown may close before the node is clicked: try again until the choice shows.
  for (let i = 0; i < 3; i++) {
    await combobox.click()
    await combobox.fill(text)
    await page.locator('.el-tree-node__content:visible', { hasText: text }).first().click({ timeout: 5000 }).catch(() => {})
    if ((await box.innerText().catch(() => '')).includes(text)) return
    await page.keyboard.press('Escape')
  }
  throw new Error(`could not pick the unit ${text}`)
}
