import { describe, expect, it } from 'vitest'
import { deviceBody, deviceForm, siteBody, siteForm } from './forms'

describe('site and device forms', () => {
  it('sends code and kind only for a new site, location as [lon, lat] or null, and refuses bad attributes', () => {
    const f = { ...siteForm(null), code: 'rst-x', name: ' 测试 ', subdistrict_id: '34', lon: 106.5, lat: 29.5, attributes: '{"fume_standard":"DB50/859-2018"}' }
    expect(siteBody(f, true)).toMatchObject({ code: 'rst-x', kind: 'restaurant', name: '测试', location: [106.5, 29.5], attributes: { fume_standard: 'DB50/859-2018' } })
    const edit = siteBody({ ...f, lon: undefined }, false)!
    expect(edit.code).toBeUndefined()
    expect(edit.location).toBeNull()
    expect(siteBody({ ...f, attributes: '[]' }, true)).toBeNull()
  })
  it('splits factors, never sends an empty password, names the site only for a new device', () => {
    const f = { ...deviceForm(null), mn: 'MN1', factors: 'a34004, a34002，LA' }
    expect(deviceBody(f, '7')).toMatchObject({ site_id: '7', mn: 'MN1', protocol: '2017', factors: ['a34004', 'a34002', 'LA'] })
    expect(deviceBody(f, '7').pw).toBeUndefined()
    expect(deviceBody({ ...f, pw: 'secret' }, null)).toMatchObject({ pw: 'secret' })
    expect(deviceBody(f, null).site_id).toBeUndefined()
  })
})
