/**
 * The one HTTP client of the GreenLoop UI.
 *
 * - fetch with `credentials: 'same-origin'` (the session is an HttpOnly cookie);
 * - `X-CSRF-Token` on every mutation (POST, PUT, PATCH, DELETE);
 * - `Accept-Language` from the UI locale;
 * - a non-2xx answer rejects with an `ApiError` carrying the server's
 *   `{"error","message","field"}` and the i18n key of the error code;
 * - a network failure or timeout rejects with an `ApiError` too (codes `network`, `timeout`).
 */
import type { Ref } from 'vue'
import type { ErrorBody } from './types'

/** Error codes of the API contract; each has an i18n key `errors.<code>`. */
export const ERROR_CODES = [
  'invalid_argument',
  'bad_json',
  'unauthenticated',
  'bad_credentials',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'payload_too_large',
  'too_many_requests',
  'internal',
  'unavailable',
] as const
/** Codes made by the client itself. */
export const CLIENT_ERROR_CODES = ['network', 'timeout', 'unknown'] as const

export type ErrorCode = (typeof ERROR_CODES)[number] | (typeof CLIENT_ERROR_CODES)[number]

const KNOWN = new Set<string>([...ERROR_CODES, ...CLIENT_ERROR_CODES])

/** Fallback code by status when the body has none (e.g. a proxy's HTML error page). */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'invalid_argument'
    case 401:
      return 'unauthenticated'
    case 403:
      return 'forbidden'
    case 404:
      return 'not_found'
    case 409:
      return 'conflict'
    case 413:
      return 'payload_too_large'
    case 429:
      return 'too_many_requests'
    case 502:
    case 503:
    case 504:
      return 'unavailable'
    default:
      return status >= 500 ? 'internal' : 'unknown'
  }
}

export class ApiError extends Error {
  /** HTTP status; 0 for network failures and timeouts. */
  readonly status: number
  /** The server's `error` code (or a client code). */
  readonly code: string
  /** The server's human text, if any. */
  readonly serverMessage: string | undefined
  /** The request field the error is about, if the server named one. */
  readonly field: string | undefined

  constructor(status: number, code: string, serverMessage?: string, field?: string) {
    super(serverMessage || code)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.serverMessage = serverMessage
    this.field = field
  }

  /** The i18n key that names this error for people (`errors.<code>`). */
  get i18nKey(): string {
    return KNOWN.has(this.code) ? `errors.${this.code}` : 'errors.unknown'
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** Codes whose server message carries detail worth showing next to the translated text. */
const DETAILED = new Set(['invalid_argument', 'bad_json', 'conflict', 'unknown'])

/** A text for people: the translated code, plus the server's detail where it helps. */
export function describeError(e: unknown, t: (key: string) => string): string {
  if (!isApiError(e)) return t('errors.unknown')
  const base = t(e.i18nKey)
  if (e.serverMessage && DETAILED.has(e.code) && e.serverMessage !== base) {
    return `${base}: ${e.serverMessage}`
  }
  return base
}

export interface HttpHooks {
  /** The CSRF token of the current session, or null. */
  csrfToken: () => string | null
  /** The UI locale, sent as Accept-Language. */
  locale: () => string
  /** Called when an authenticated call answers 401 (session expired). */
  onUnauthenticated: (path: string) => void
}

const hooks: HttpHooks = {
  csrfToken: () => null,
  locale: () => 'zh-CN',
  onUnauthenticated: () => {},
}

/** Wires the client to the session store and i18n (called once from main.ts). */
export function configureHttp(h: Partial<HttpHooks>): void {
  Object.assign(hooks, h)
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** A raw body (an image upload) sent as is, with its own content type; instead of `body`. */
  raw?: Blob
  signal?: AbortSignal
  /** Milliseconds before the call fails with `timeout`; default 15 s. */
  timeoutMs?: number
  /** Do not call onUnauthenticated on 401 (sign-in, session probe). */
  quiet401?: boolean
}

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.append(k, String(v))
  }
  const s = params.toString()
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': hooks.locale(),
  }
  if (opts.raw) headers['Content-Type'] = opts.raw.type || 'application/octet-stream'
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (MUTATIONS.has(method)) {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }

  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, opts.timeoutMs ?? 15000)
  const onOuterAbort = () => controller.abort()
  opts.signal?.addEventListener('abort', onOuterAbort)

  let res: Response
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: controller.signal,
    })
  } catch (e) {
    if (timedOut) throw new ApiError(0, 'timeout')
    if (opts.signal?.aborted) throw e
    throw new ApiError(0, 'network', e instanceof Error ? e.message : undefined)
  } finally {
    clearTimeout(timer)
    opts.signal?.removeEventListener('abort', onOuterAbort)
  }

  if (res.status === 204) return undefined as T
  const text = await res.text()
  let data: unknown = undefined
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = undefined
    }
  }

  if (!res.ok) {
    const body = (data && typeof data === 'object' ? data : {}) as Partial<ErrorBody>
    const code = typeof body.error === 'string' && body.error ? body.error : codeForStatus(res.status)
    const err = new ApiError(
      res.status,
      code,
      typeof body.message === 'string' ? body.message : undefined,
      typeof body.field === 'string' ? body.field : undefined,
    )
    if (res.status === 401 && !opts.quiet401) hooks.onUnauthenticated(path)
    throw err
  }
  if (data === undefined && text) throw new ApiError(res.status, 'unknown', 'response is not JSON')
  return data as T
}

export const http = {
  get: <T>(path: string, query?: Query, opts?: RequestOptions) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  del: <T = void>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
  /** POSTs a file as the raw body (`?name=` etc. in `query`). */
  upload: <T>(path: string, file: Blob, query?: Query, opts?: RequestOptions) =>
    request<T>('POST', path, { timeoutMs: 60000, ...opts, raw: file, query }),
}

/** Runs `fn` with `flag` set; the flag is cleared in finally, whatever happens. */
export async function withLoading<T>(flag: Ref<boolean>, fn: () => Promise<T>): Promise<T> {
  flag.value = true
  try {
    return await fn()
  } finally {
    flag.value = false
  }
}
