// The public portal without signing in, and the 404 page.
import { check, assert, shot, jsWeight } from '../lib.mjs'

export async function portalJourney({ page }) {
  const anon = { page }
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
}
