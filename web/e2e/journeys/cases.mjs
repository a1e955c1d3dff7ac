// The complaint journey across roles: a citizen files a complaint on the public portal (category, a point in
// 化龙桥 on the map, a photo), eeb.officer accepts and dispatches it (the routing names 化龙桥街道), hlq.officer
// starts and resolves it, the inspector verifies and closes it, and the citizen sees it closed.
// Screenshots: the report form and the case detail on a desktop and on a 390×844 phone.
import { PHONE, DESKTOP, check, assert, shot, assertNoOverflow, assertLabelled, signIn, signOut, expectResponse, newPage } from '../lib.mjs'

/** A 2×2 PNG (a photo stand-in for the upload). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
)

/** Clicks the point map in the middle of a subdistrict's label (labels let clicks through to the polygon). */
async function clickSubdistrict(page, name) {
  const label = page.getByTestId('point-map').locator('.leaflet-tooltip', { hasText: name }).first()
  await label.waitFor()
  const b = await label.boundingBox()
  await page.mouse.click(b.x + b.width / 2, b.y + b.height + 6)
}

/** Fills the public report form (not sent). */
async function fillReport(page, description) {
  await page.goto('/portal')
  const form = page.getByTestId('report-form')
  await form.waitFor()
  await page.locator('#rp-category option[value="air.fume"]').waitFor({ state: 'attached' })
  await page.getByLabel('问题类型').selectOption('air.fume')
  await clickSubdistrict(page, '化龙桥')
  await page.getByTestId('picked').filter({ hasText: '已选位置' }).waitFor()
  await page.getByLabel('详细地址（可选）').fill('化龙桥某火锅店后厨排口（演示）')
  await page.getByLabel('问题描述').fill(description)
  const up = expectResponse(page, (r) => r.url().includes('/api/v1/public/photos'))
  await page.getByTestId('photo-input').setInputFiles({ name: 'fume.png', mimeType: 'image/png', buffer: PNG })
  const ur = await up
  assert(ur.status() === 201, `photo upload answered ${ur.status()}: ${(await ur.text()).slice(0, 200)}`)
  await page.locator('.thumbs img').first().waitFor()
  await page.getByLabel('称呼').fill('李先生')
  await page.getByLabel('手机号码').fill('13800138000')
}

/** Opens a case's page and takes one action through its form. */
async function act(page, action, fill = async () => {}) {
  await page.getByTestId(`action-${action}`).click()
  const form = page.getByTestId(`action-form-${action}`)
  await form.waitFor()
  await fill(form)
  const resp = expectResponse(page, (r) => r.url().includes(`/${action}`) && r.request().method() === 'POST')
  await page.getByTestId('action-submit').click()
  const r = await resp
  assert(r.status() === 200, `${action} answered ${r.status()}: ${(await r.text()).slice(0, 300)}`)
  await form.waitFor({ state: 'hidden' })
  return r.json()
}

export async function casesJourney({ browser }) {
  const filed = { number: '', code: '', id: '' }
  const citizen = await newPage(browser, DESKTOP)
  const cp = citizen.page

  await check('citizen: the report form is labelled and refuses an empty report', async () => {
    await cp.goto('/portal')
    await cp.getByTestId('report-submit').click()
    await cp.locator('.err', { hasText: '请选择问题类型' }).waitFor()
    await cp.locator('.err', { hasText: '请在地图上选择问题位置' }).waitFor()
    await assertLabelled(cp, '[data-testid="report-form"]')
    // Keyboard alone: focus the map, move it with an arrow key, Enter places the point at its centre.
    await cp.getByTestId('point-map').focus()
    await cp.keyboard.press('ArrowLeft')
    await cp.keyboard.press('Enter')
    await cp.getByTestId('picked').filter({ hasText: '已选位置' }).waitFor()
  })

  await check('citizen files a complaint with a point in 化龙桥 and a photo, and gets a number and tracking code', async () => {
    await fillReport(cp, '火锅店油烟直排，每天傍晚熏得睁不开眼（演示）')
    await shot(cp, 'portal-report-desktop')
    const resp = expectResponse(cp, (r) => r.url().endsWith('/api/v1/public/complaints'))
    await cp.getByTestId('report-submit').click()
    const r = await resp
    assert(r.status() === 201, `complaint answered ${r.status()}: ${(await r.text()).slice(0, 300)}`)
    const body = await r.json()
    filed.number = body.number
    filed.code = body.tracking_code
    assert((await cp.getByTestId('filed-number').innerText()) === filed.number, 'number not shown')
    assert((await cp.getByTestId('filed-code').innerText()) === filed.code, 'tracking code not shown')
    console.log(`     filed ${filed.number} (code ${filed.code})`)
    await shot(cp, 'portal-filed-desktop')
  })

  const staff = await newPage(browser, DESKTOP)
  const sp = staff.page
  await check('eeb.officer registers a hotline case through the intake form', async () => {
    await signIn(sp, 'eeb.officer')
    await sp.goto('/cases')
    await sp.getByTestId('case-intake').click()
    const dlg = sp.getByRole('dialog', { name: '受理登记' })
    await dlg.getByTestId('intake-form').waitFor()
    await dlg.getByRole('combobox', { name: '问题类别' }).click()
    await sp.getByRole('option', { name: '— 施工噪声', exact: true }).click()
    await dlg.getByLabel('标题').fill('夜间施工噪声扰民（热线，演示）')
    await dlg.getByLabel('问题描述').fill('市民来电：晚上十一点后仍在打桩。')
    await clickSubdistrict(sp, '大坪')
    await assertLabelled(sp, '[data-testid="intake-form"]')
    const resp = expectResponse(sp, (r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST')
    await dlg.getByTestId('intake-save').click()
    const r = await resp
    assert(r.status() === 201, `intake answered ${r.status()}: ${(await r.text()).slice(0, 300)}`)
    const c = await r.json()
    assert(c.source === 'hotline' && c.subdistrict?.name?.includes('大坪'), `registered ${c.source} in ${c.subdistrict?.name}`)
    await sp.waitForURL(new RegExp(`/cases/${c.id}$`))
    await sp.getByTestId('case-number').filter({ hasText: c.number }).waitFor()
    await signOut(sp)
  })
  await check('eeb.officer finds the complaint in the case list and accepts it', async () => {
    assert(filed.number, 'no complaint filed')
    await signIn(sp, 'eeb.officer')
    await sp.goto(`/cases?q=${encodeURIComponent(filed.number)}`)
    const link = sp.getByTestId('cases-table').getByTestId('case-link').filter({ hasText: filed.number })
    await link.waitFor()
    await assertLabelled(sp, 'main')
    await shot(sp, 'cases-desktop')
    await link.click()
    await sp.waitForURL(/\/cases\/\d+/)
    filed.id = sp.url().split('/').pop()
    await sp.getByTestId('case-timeline').waitFor()
    const actions = await sp.getByTestId('case-actions').getByRole('button').allInnerTexts()
    assert(actions.includes('受理'), `actions offered: ${actions.join(', ')}`)
    assert(!actions.includes('核查通过'), `the dispatcher is offered verify: ${actions.join(', ')}`)
    assert((await sp.getByTestId('case-photos').locator('img').count()) >= 1, 'the photo is not shown')
    await act(sp, 'accept')
    await sp.getByTestId('case-status').filter({ hasText: '已受理' }).waitFor()
  })

  await check('eeb.officer dispatches it; the routing proposes 化龙桥街道 as lead unit', async () => {
    const c = await act(sp, 'dispatch', async (form) => {
      await form.getByTestId('act-lead_unit_id').locator('.el-select__selected-item', { hasText: '化龙桥' }).waitFor()
      await assertLabelled(sp, '[data-testid="action-form-dispatch"]')
    })
    assert(c.status === 'dispatched', `status after dispatch: ${c.status}`)
    assert(c.lead_unit?.name?.includes('化龙桥'), `lead unit: ${c.lead_unit?.name}`)
    await signOut(sp)
  })

  await check('hlq.officer starts and resolves it (the result is required)', async () => {
    await signIn(sp, 'hlq.officer')
    await sp.goto(`/cases/${filed.id}`)
    await sp.getByTestId('case-timeline').waitFor()
    await act(sp, 'start')
    await sp.getByTestId('action-resolve').click()
    await sp.getByTestId('action-submit').click()
    await sp.getByTestId('action-form-resolve').locator('.el-form-item.is-error').first().waitFor()
    await sp.getByTestId('act-result').fill('已责令火锅店清洗油烟净化器并加装排烟管道，现场复测达标（演示）')
    const resp = expectResponse(sp, (r) => r.url().endsWith('/resolve'))
    await sp.getByTestId('action-submit').click()
    assert((await resp).status() === 200, 'resolve refused')
    await sp.getByTestId('case-status').filter({ hasText: '已办结待核查' }).waitFor()
    await signOut(sp)
  })

  await check('the inspector verifies and closes it; the case page shows the whole timeline', async () => {
    await signIn(sp, 'inspector')
    await sp.goto(`/cases/${filed.id}`)
    await sp.getByTestId('case-timeline').waitFor()
    await act(sp, 'verify')
    const c = await act(sp, 'close')
    assert(c.status === 'closed', `status after close: ${c.status}`)
    await sp.getByTestId('case-status').filter({ hasText: '已结案' }).waitFor()
    const steps = await sp.getByTestId('case-timeline').locator('.el-timeline-item').count()
    assert(steps >= 7, `only ${steps} timeline entries`)
    await sp.waitForTimeout(300)
    await shot(sp, 'case-detail-desktop')
  })

  await check('the citizen tracks the case by number and code and sees it closed', async () => {
    await cp.getByRole('button', { name: '查询进度' }).click()
    const status = cp.getByTestId('track-status')
    await status.waitFor()
    const r = await (await cp.request.get(`/api/v1/public/cases/${encodeURIComponent(filed.number)}?code=${encodeURIComponent(filed.code)}`)).json()
    assert(r.status === 'closed', `tracked status ${r.status}`)
    assert((await status.innerText()) === (r.status_text || r.status), `shown ${await status.innerText()}`)
    const wrong = await cp.request.get(`/api/v1/public/cases/${encodeURIComponent(filed.number)}?code=WRONG1`)
    assert(wrong.status() === 404, `a wrong code answered ${wrong.status()}`)
    await cp.getByTestId('portal-track').scrollIntoViewIfNeeded()
    await shot(cp, 'portal-tracked-desktop')
  })

  await staff.ctx.close()
  await citizen.ctx.close()

  const phone = await newPage(browser, PHONE)
  const pp = phone.page
  await check('phone: the report form fits 390×844 with the map and a photo', async () => {
    await fillReport(pp, '河边有人倾倒建筑垃圾（演示）')
    await pp.getByLabel('问题描述').scrollIntoViewIfNeeded()
    await assertNoOverflow(pp)
    await assertLabelled(pp, '[data-testid="report-form"]')
    await pp.evaluate(() => window.scrollTo(0, 0))
    await shot(pp, 'portal-report-phone')
  })
  await check('phone: the case detail fits 390×844', async () => {
    assert(filed.id, 'no case')
    await signIn(pp, 'inspector')
    await pp.goto(`/cases/${filed.id}`)
    await pp.getByTestId('case-timeline').waitFor()
    await pp.waitForTimeout(400)
    await assertNoOverflow(pp)
    await shot(pp, 'case-detail-phone')
  })
  await phone.ctx.close()
}
