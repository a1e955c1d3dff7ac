import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { ApiError, configureHttp, describeError, http, withLoading, withQuery } from './http'

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

let fetchMock: ReturnType<typeof vi.fn>
const onUnauthenticated = vi.fn()

beforeEach(() => {
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  onUnauthenticated.mockReset()
  configureHttp({ csrfToken: () => 'tok-123', locale: () => 'en', onUnauthenticated })
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

function lastCall(): { url: string; init: RequestInit; headers: Record<string, string> } {
  const [url, init] = fetchMock.mock.calls.at(-1) as [string, RequestInit]
  return { url, init, headers: init.headers as Record<string, string> }
}

describe('http client requests', () => {
  it('GET sends cookies same-origin, Accept-Language from the UI locale, and no CSRF header', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], total: 0 }))
    const r = await http.get<{ total: number }>('/api/v1/units', { page: 1, q: '', kind: undefined })
    expect(r.total).toBe(0)
    const { url, init, headers } = lastCall()
    expect(url).toBe('/api/v1/units?page=1')
    expect(init.method).toBe('GET')
    expect(init.credentials).toBe('same-origin')
    expect(headers['Accept-Language']).toBe('en')
    expect(headers['X-CSRF-Token']).toBeUndefined()
    expect(init.body).toBeUndefined()
  })

  it('mutations send X-CSRF-Token and a JSON body', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: '1' }))
    await http.post('/api/v1/units', { code: 'x' })
    let c = lastCall()
    expect(c.init.method).toBe('POST')
    expect(c.headers['X-CSRF-Token']).toBe('tok-123')
    expect(c.headers['Content-Type']).toBe('application/json')
    expect(c.init.body).toBe('{"code":"x"}')

    fetchMock.mockResolvedValue(jsonResponse(200, { id: '1' }))
    await http.patch('/api/v1/units/1', { name: 'n' })
    expect(lastCall().headers['X-CSRF-Token']).toBe('tok-123')

    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    const r = await http.del('/api/v1/session')
    c = lastCall()
    expect(c.init.method).toBe('DELETE')
    expect(c.headers['X-CSRF-Token']).toBe('tok-123')
    expect(r).toBeUndefined()
  })

  it('leaves the CSRF header out when there is no session', async () => {
    configureHttp({ csrfToken: () => null })
    fetchMock.mockResolvedValue(jsonResponse(200, {}))
    await http.post('/api/v1/session', { login: 'a', password: 'b' })
    expect(lastCall().headers['X-CSRF-Token']).toBeUndefined()
  })
})

describe('http client errors', () => {
  it("surfaces the server's error, message and field, and maps the code to an i18n key", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, { error: 'invalid_argument', message: 'code must be unique', field: 'code' }),
    )
    const err = await http.post('/api/v1/units', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    const e = err as ApiError
    expect(e.status).toBe(400)
    expect(e.code).toBe('invalid_argument')
    expect(e.serverMessage).toBe('code must be unique')
    expect(e.field).toBe('code')
    expect(e.i18nKey).toBe('errors.invalid_argument')
  })

  it('maps every contract code to its own key and an unknown code to errors.unknown', async () => {
    fetchMock.mockResolvedValue(jsonResponse(429, { error: 'too_many_requests', message: 'locked' }))
    const locked = (await http.post('/api/v1/session', {}).catch((e: unknown) => e)) as ApiError
    expect(locked.i18nKey).toBe('errors.too_many_requests')

    fetchMock.mockResolvedValue(jsonResponse(418, { error: 'teapot' }))
    const odd = (await http.get('/x').catch((e: unknown) => e)) as ApiError
    expect(odd.code).toBe('teapot')
    expect(odd.i18nKey).toBe('errors.unknown')
  })

  it('falls back to a code by status when the body is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 }))
    const e = (await http.get('/api/v1/me').catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(502)
    expect(e.code).toBe('unavailable')
    expect(e.i18nKey).toBe('errors.unavailable')
  })

  it('calls onUnauthenticated on 401, except for quiet calls', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: 'unauthenticated', message: 'no session' }))
    await http.get('/api/v1/people').catch(() => {})
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    await http.get('/api/v1/me', undefined, { quiet401: true }).catch(() => {})
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('turns a failed fetch into a network error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const e = (await http.get('/api/v1/me').catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(0)
    expect(e.code).toBe('network')
    expect(e.i18nKey).toBe('errors.network')
  })

  it('times out a call that never answers', async () => {
    fetchMock.mockImplementation(
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
        }),
    )
    const e = (await http.get('/slow', undefined, { timeoutMs: 20 }).catch((x: unknown) => x)) as ApiError
    expect(e.code).toBe('timeout')
  })

  it('describeError shows the translated code, plus detail for invalid input', () => {
    const t = (k: string) => `T(${k})`
    expect(describeError(new ApiError(401, 'bad_credentials', 'wrong password'), t)).toBe('T(errors.bad_credentials)')
    expect(describeError(new ApiError(400, 'invalid_argument', 'name is empty', 'name'), t)).toBe(
      'T(errors.invalid_argument): name is empty',
    )
    expect(describeError(new Error('boom'), t)).toBe('T(errors.unknown)')
  })
})

describe('helpers', () => {
  it('withQuery leaves out empty values and encodes the rest', () => {
    expect(withQuery('/p', { a: '', b: undefined, c: null, d: 0, e: false, f: '化龙桥 x' })).toBe(
      '/p?d=0&e=false&f=%E5%8C%96%E9%BE%99%E6%A1%A5+x',
    )
    expect(withQuery('/p')).toBe('/p')
  })

  it('withLoading clears the flag in finally, also when the call fails', async () => {
    const flag = ref(false)
    const p = withLoading(flag, async () => {
      expect(flag.value).toBe(true)
      throw new ApiError(500, 'internal')
    })
    await expect(p).rejects.toBeInstanceOf(ApiError)
    expect(flag.value).toBe(false)
    await expect(withLoading(flag, async () => 7)).resolves.toBe(7)
    expect(flag.value).toBe(false)
  })
})
