// Desktop console checks as admin: sign-in, the home map with the sites, the site list and site pages.
import { HJ212, check, assert, shot, assertLabelled, signIn, navTo, expectResponse, jsWeight, chooseOption } from '../lib.mjs'

/** @param {{ page: import('playwright-core').Page, fed: Promise<{sent:number,acks:number}|null> }} env */
export async function consoleJourney({ page, fed }) {
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
    // The popup may open under the console's fixed header; the link's own handler navigates.
    await link.dispatchEvent('click')
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
    if (r.rejected) console.log(`     ${r.rejected} other lines from the gateway, e.g. ${r.other.join(' | ')}`)
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
}
