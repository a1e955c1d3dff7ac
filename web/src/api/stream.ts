/**
 * The live stream of alarm changes: a WebSocket to /api/v1/stream (same origin, the session cookie
 * signs it in). Reconnects with a growing delay (1 s doubling to 30 s) until closed; messages that are
 * not JSON are ignored. `factory` lets tests pass a fake socket.
 */
import type { AlarmsApi } from './alarms'

export type StreamState = 'connecting' | 'open' | 'closed'

export interface StreamOptions {
  onMessage: (m: AlarmsApi.StreamMessage) => void
  onState?: (s: StreamState) => void
  url?: string
  factory?: (url: string) => WebSocket
}

export function streamUrl(loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/v1/stream`
}

/** Opens the stream; the returned function closes it for good. */
export function openStream(opts: StreamOptions): () => void {
  const url = opts.url ?? streamUrl()
  const make = opts.factory ?? ((u: string) => new WebSocket(u))
  let ws: WebSocket | null = null
  let stopped = false
  let delay = 1000
  let timer: ReturnType<typeof setTimeout> | null = null

  const connect = () => {
    if (stopped) return
    opts.onState?.('connecting')
    try {
      ws = make(url)
    } catch {
      schedule()
      return
    }
    ws.onopen = () => {
      delay = 1000
      opts.onState?.('open')
    }
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return
      try {
        const m = JSON.parse(ev.data) as AlarmsApi.StreamMessage
        if (m && typeof m === 'object') opts.onMessage(m)
      } catch {
        /* not JSON: ignored */
      }
    }
    ws.onclose = () => {
      ws = null
      opts.onState?.('closed')
      schedule()
    }
    ws.onerror = () => ws?.close()
  }
  const schedule = () => {
    if (stopped) return
    timer = setTimeout(connect, delay)
    delay = Math.min(delay * 2, 30000)
  }
  connect()
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
    if (ws) {
      ws.onclose = null
      ws.close()
    }
    opts.onState?.('closed')
  }
}
