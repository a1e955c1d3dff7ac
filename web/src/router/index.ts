import { createRouter, createWebHistory, type RouterHistory, type Router } from 'vue-router'
import { routes } from './routes'
import { useSessionStore } from '@/stores/session'
import { i18n } from '@/locales'

/** A redirect target is only ever a path inside this app. */
export function safeRedirect(v: unknown): string {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\') ? v : '/'
}

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes, scrollBehavior: () => ({ top: 0 }) })

  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (to.name === 'login') {
      try {
        await session.restore()
      } catch {
        /* server unreachable: show the sign-in page, which reports errors itself */
      }
      return session.isSignedIn ? safeRedirect(to.query.redirect) : true
    }
    if (to.meta.public) return true
    try {
      await session.restore()
    } catch {
      /* treated as signed out */
    }
    if (!session.isSignedIn) return { name: 'login', query: { redirect: to.fullPath } }
    if (to.meta.roles && !session.hasAnyRole(to.meta.roles)) return { name: 'forbidden' }
    return true
  })

  router.afterEach((to) => {
    const t = i18n.global.t
    document.title = to.meta.title ? `${t(to.meta.title)} - ${t('app.name')}` : t('app.fullName')
  })

  return router
}
