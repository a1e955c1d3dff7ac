import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { mergeAlarm, type AlarmsApi } from '@/api/alarms'
import { openStream, type StreamOptions, type StreamState } from '@/api/stream'

/**
 * The live alarm feed shared by the alarm list, the dashboard and the console header: the latest
 * alarm changes from the WebSocket, newest first (at most 200), and the connection state.
 * `start()` counts its users; the socket closes when the last one calls `stop()`.
 */
export const useAlarmFeed = defineStore('alarmFeed', () => {
  const events = shallowRef<{ at: number; event: string; alarm: AlarmsApi.Alarm }[]>([])
  const alarms = shallowRef<AlarmsApi.Alarm[]>([])
  const state = ref<StreamState>('closed')
  /** Bumped on every alarm change; pages watch it to refresh what they show. */
  const version = ref(0)
  let users = 0
  let close: (() => void) | null = null
  const listeners = new Set<(a: AlarmsApi.Alarm, event: string) => void>()

  function receive(m: AlarmsApi.StreamMessage) {
    if (m.type !== 'alarm' || !m.alarm) return
    const event = m.event ?? 'updated'
    events.value = [{ at: Date.now(), event, alarm: m.alarm }, ...events.value].slice(0, 200)
    alarms.value = mergeAlarm(alarms.value, m.alarm)
    version.value++
    for (const fn of listeners) fn(m.alarm, event)
  }

  /**
   * Calls `fn` for every alarm change, as it arrives (a watcher on `version` would see only the last of a burst:
   * Vue runs it once per tick). Returns the function that stops the calls.
   */
  function subscribe(fn: (a: AlarmsApi.Alarm, event: string) => void): () => void {
    listeners.add(fn)
    return () => listeners.delete(fn)
  }

  function start(factory?: StreamOptions['factory']) {
    users++
    if (close) return
    close = openStream({ onMessage: receive, onState: (s) => (state.value = s), factory })
  }
  function stop() {
    users = Math.max(0, users - 1)
    if (users === 0 && close) {
      close()
      close = null
    }
  }
  return { events, alarms, state, version, receive, subscribe, start, stop }
})
