// Phone (390×844) checks: sign-in with the keyboard, the home map, people, units, sites and the portal fit.
import { PASSWORD, HJ212, check, assert, shot, assertNoOverflow, assertLabelled, signIn, navTo, peopleRows, SHOTS } from '../lib.mjs'
import path from 'node:path'

/** @param {{ page: import('playwright-core').Page }} env */
export async function phoneJourney({ page: p }) {
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
}
