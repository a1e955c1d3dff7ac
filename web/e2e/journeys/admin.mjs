// Desktop admin checks: people and units (create, edit, reset password, deactivate), the language switch,
// an expired session, signing out, and an officer's narrower scope.
import { PASSWORD, check, assert, shot, assertLabelled, signIn, signOut, navTo, peopleRows, expectResponse, waitForPeopleResponse, chooseOption, pickUnit, BASE } from '../lib.mjs'

/** @param {{ browser: import('playwright-core').Browser, page: import('playwright-core').Page }} env */
export async function adminJourney({ browser, page }) {
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

}
