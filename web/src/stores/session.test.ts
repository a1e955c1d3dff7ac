import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '@/api/http'
import type { SessionResult } from '@/api/types'

vi.mock('@/api/session', () => ({
  createSession: vi.fn(),
  deleteSession: vi.fn(),
  getMe: vi.fn(),
}))
import { createSession, deleteSession, getMe } from '@/api/session'
import { useSessionStore } from './session'

const me: SessionResult = {
  user: {
    id: '7',
    login: 'hlq.officer',
    name: '化龙桥工作人员',
    unit: { id: '42', code: 'hlq', name: '化龙桥街道', name_en: 'Hualongqiao Subdistrict', kind: 'subdistrict' },
    roles: ['officer'],
    phone: null,
    active: true,
  },
  csrf_token: 'csrf-1',
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.mocked(createSession).mockReset()
  vi.mocked(deleteSession).mockReset()
  vi.mocked(getMe).mockReset()
})

describe('session store', () => {
  it('restore asks GET /me once, even when called many times at once', async () => {
    vi.mocked(getMe).mockResolvedValue(me)
    const s = useSessionStore()
    const [a, b] = await Promise.all([s.restore(), s.restore()])
    await s.restore()
    expect(getMe).toHaveBeenCalledTimes(1)
    expect(a?.login).toBe('hlq.officer')
    expect(b).toBe(a)
    expect(s.csrfToken).toBe('csrf-1')
    expect(s.isSignedIn).toBe(true)
    expect(s.isAdmin).toBe(false)
    expect(s.hasAnyRole(['officer', 'leader'])).toBe(true)
    expect(s.hasAnyRole(['admin'])).toBe(false)
  })

  it('restore answers null on 401 and marks the session as known', async () => {
    vi.mocked(getMe).mockRejectedValue(new ApiError(401, 'unauthenticated'))
    const s = useSessionStore()
    await expect(s.restore()).resolves.toBeNull()
    expect(s.restored).toBe(true)
    expect(s.user).toBeNull()
  })

  it('restore passes other failures on, and may be retried by navigation', async () => {
    vi.mocked(getMe).mockRejectedValue(new ApiError(0, 'network'))
    const s = useSessionStore()
    await expect(s.restore()).rejects.toMatchObject({ code: 'network' })
    expect(s.user).toBeNull()
  })

  it('login keeps the user and the CSRF token; a failure leaves the store empty', async () => {
    const s = useSessionStore()
    vi.mocked(createSession).mockRejectedValueOnce(new ApiError(401, 'bad_credentials'))
    await expect(s.login('admin', 'wrong')).rejects.toMatchObject({ code: 'bad_credentials' })
    expect(s.user).toBeNull()
    expect(s.csrfToken).toBeNull()

    vi.mocked(createSession).mockResolvedValueOnce({ ...me, csrf_token: 'csrf-2' })
    await s.login('hlq.officer', 'greenloop-demo')
    expect(createSession).toHaveBeenLastCalledWith({ login: 'hlq.officer', password: 'greenloop-demo' })
    expect(s.csrfToken).toBe('csrf-2')
    expect(s.user?.unit.name).toBe('化龙桥街道')
  })

  it('logout forgets the user even when the server call fails', async () => {
    vi.mocked(createSession).mockResolvedValue(me)
    vi.mocked(deleteSession).mockRejectedValue(new ApiError(0, 'network'))
    const s = useSessionStore()
    await s.login('hlq.officer', 'x')
    await s.logout()
    expect(deleteSession).toHaveBeenCalledTimes(1)
    expect(s.user).toBeNull()
    expect(s.csrfToken).toBeNull()
  })

  it('expire clears the session', async () => {
    vi.mocked(createSession).mockResolvedValue(me)
    const s = useSessionStore()
    await s.login('hlq.officer', 'x')
    s.expire()
    expect(s.isSignedIn).toBe(false)
  })
})
