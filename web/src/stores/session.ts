import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { createSession, deleteSession, getMe } from '@/api/session'
import { isApiError } from '@/api/http'
import type { Role, User } from '@/api/types'

/**
 * The signed-in user and the session's CSRF token.
 * Both live in memory only: the session itself is an HttpOnly cookie, and a reload asks GET /me.
 */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const csrfToken = ref<string | null>(null)
  /** True once GET /me has answered (either way) or a sign-in happened. */
  const restored = ref(false)
  let pending: Promise<User | null> | null = null

  const roles = computed<Role[]>(() => user.value?.roles ?? [])
  const isSignedIn = computed(() => user.value !== null)
  const isAdmin = computed(() => roles.value.includes('admin'))

  function hasAnyRole(wanted: readonly Role[]): boolean {
    return wanted.some((r) => roles.value.includes(r))
  }

  function set(u: User | null, token: string | null) {
    user.value = u
    csrfToken.value = token
  }

  /** Asks the server once who we are; later calls reuse the answer. Never rejects on 401. */
  function restore(): Promise<User | null> {
    if (restored.value) return Promise.resolve(user.value)
    if (!pending) {
      pending = getMe()
        .then((r) => {
          set(r.user, r.csrf_token)
          return r.user
        })
        .catch((e) => {
          set(null, null)
          if (isApiError(e) && e.status === 401) return null
          throw e
        })
        .finally(() => {
          restored.value = true
          pending = null
        })
    }
    return pending
  }

  /** Signs in; rejects with the ApiError (bad_credentials, too_many_requests, ...). */
  async function login(login: string, password: string): Promise<User> {
    const r = await createSession({ login, password })
    set(r.user, r.csrf_token)
    restored.value = true
    return r.user
  }

  /** Signs out on the server (best effort) and forgets the user here in any case. */
  async function logout(): Promise<void> {
    try {
      if (user.value) await deleteSession()
    } catch {
      /* the session may already be gone; forget it here anyway */
    } finally {
      set(null, null)
      restored.value = true
    }
  }

  /** The server said 401: the session has ended. */
  function expire() {
    set(null, null)
    restored.value = true
  }

  return { user, csrfToken, restored, roles, isSignedIn, isAdmin, hasAnyRole, restore, login, logout, expire }
})
