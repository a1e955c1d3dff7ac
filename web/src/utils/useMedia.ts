import { onBeforeUnmount, ref, type Ref } from 'vue'

/** True while the media query matches (e.g. '(max-width: 767px)' for phones). */
export function useMedia(query: string): Ref<boolean> {
  const mq = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const matches = ref(mq?.matches ?? false)
  const onChange = (e: MediaQueryListEvent) => (matches.value = e.matches)
  mq?.addEventListener('change', onChange)
  onBeforeUnmount(() => mq?.removeEventListener('change', onChange))
  return matches
}

export const PHONE = '(max-width: 767px)'
