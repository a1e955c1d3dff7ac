import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { ApiError } from '@/api/http'
import type { Role, SessionResult } from '@/api/types'

vi.mock('@/api/session', () => ({ createSession: vi.fn(), deleteSession: vi.fn(), getMe: vi.fn() }))
import { getMe } from '@/api/session'
import { createAppRouter, safeRedirect } from './index'
import { makeSessionExpiryHandler } from './expiry'

function meWith(roles: Role[]): SessionResult {
  return {
    user: {
      id: '1',
      login: 'u',
      name: 'U',
      unit: { id: '2', code: 'c', name: '单位', name_en: 'Unit', kind: 'subdistrict' },
      roles,
      phone: null,
      active: true,
    },
    csrf_token: 't',
  }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.mocked(getMe).mockReset()
})

async function go(path: string) {
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  return router.currentRoute.value
}

describe('route guards', () => {
  it('sends a visitor without a session to sign-in, remembering where they were going', async () => {
    vi.mocked(getMe).mockRejectedValue(new ApiError(401, 'unauthenticated'))
    const r = await go('/admin/people?unit=5')
    expect(r.name).toBe('login')
    expect(r.query.redirect).toBe('/admin/people?unit=5')
  })

  it('lets the public portal open without a session and without asking the server', async () => {
    const r = await go('/portal')
    expect(r.name).toBe('portal')
    expect(getMe).not.toHaveBeenCalled()
  })

  it('sends a role without access to 403', async () => {
    vi.mocked(getMe).mockResolvedValue(meWith(['officer']))
    expect((await go('/admin/units')).name).toBe('forbidden')
  })

  it('opens a page the role may see', async () => {
    vi.mocked(getMe).mockResolvedValue(meWith(['officer']))
    expect((await go('/admin/people')).name).toBe('people')
  })

  it('sends a signed-in user away from the sign-in page', async () => {
    vi.mocked(getMe).mockResolvedValue(meWith(['admin']))
    expect((await go('/login?redirect=/admin/units')).name).toBe('units')
  })

  it('answers unknown paths with 404', async () => {
    expect((await go('/no/such/page')).name).toBe('not-found')
  })

  it('safeRedirect keeps redirects inside the app', () => {
    expect(safeRedirect('/admin/people')).toBe('/admin/people')
    expect(safeRedirect('//evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
  })
})

describe('session expiry', () => {
  it('forgets the user and returns to sign-in with the way back', async () => {
    vi.mocked(getMe).mockResolvedValue(meWith(['admin']))
    const router = createAppRouter(createMemoryHistory())
    await router.push('/admin/people?unit=5')
    const { useSessionStore } = await import('@/stores/session')
    const session = useSessionStore()
    expect(session.isSignedIn).toBe(true)
    const notify = vi.fn()
    const onExpired = makeSessionExpiryHandler(router, session, notify)
    onExpired()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query.redirect).toBe('/admin/people?unit=5')
    expect(session.isSignedIn).toBe(false)
    expect(notify).toHaveBeenCalledTimes(1)
    onExpired() // a second 401 from a parallel call changes nothing
    expect(notify).toHaveBeenCalledTimes(1)
  })
})
