import type { Router } from 'vue-router'
import type { useSessionStore } from '@/stores/session'

/**
 * What happens when an API call answers 401 during a session (it expired, or was ended elsewhere):
 * forget the user, tell them, and send them to sign-in with a way back to where they were.
 */
export function makeSessionExpiryHandler(
  router: Router,
  session: ReturnType<typeof useSessionStore>,
  notify: () => void,
): () => void {
  return () => {
    if (!session.isSignedIn) return
    session.expire()
    notify()
    const here = router.currentRoute.value
    if (!here.meta.public) void router.replace({ name: 'login', query: { redirect: here.fullPath } })
  }
}
