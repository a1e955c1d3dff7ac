#!/usr/bin/env node
// Feeds a running GreenLoop HJ 212 gateway a day of readings for a few demo sites, so the monitoring pages
// have something to draw: a restaurant (cooking fume over the DB50/859-2018 limit at dinner, a few flagged
// values, a two-hour gap), a construction site (noise and dust), an air station and a water section.
// Frames are encoded by `greenloop hj212 encode` and sent over TCP; the script waits for every 9014 answer.
// Usage: node e2e/feed.mjs 127.0.0.1:19214 [hours]   (GREENLOOP_BIN overrides build/greenloop)
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The demo sites fed, by code. */
export const FED_SITES = ['rst-ctm-001', 'cst-ctm-01', 'air-cyb', 'wtr-cj-01']

const pad = (n, w = 2) => String(n).padStart(w, '0')
/** yyyyMMddHHmmss in Asia/Shanghai. */
function dataTime(ms) {
  const d = new Date(ms + 8 * 3600_000)
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
}
const hourOf = (ms) => new Date(ms + 8 * 3600_000).getUTCHours() + new Date(ms).getUTCMinutes() / 60
/** A repeatable wobble in [-1, 1]. */
const wobble = (i, k) => Math.sin(i * 12.9898 + k * 78.233) * 0.25 + Math.sin(i * 0.013 + k) * 0.5 + Math.sin(i * 0.047 + 2 * k) * 0.25
const meal = (h) => Math.exp(-((h - 12) ** 2) / 1.2) + 1.3 * Math.exp(-((h - 18.5) ** 2) / 1.5)
const isDay = (h) => h >= 6 && h < 22

function value(code, ms, i) {
  const h = hourOf(ms)
  const w = wobble(i, code.length + code.charCodeAt(code.length - 1))
  switch (code) {
    case 'gl_fume': return 0.25 + 0.95 * meal(h) + 0.08 * w
    case 'gl_fan_i': return h >= 10 && h < 22 ? 3.4 + 0.2 * w : 0
    case 'gl_pur_i': return h >= 10 && h < 22 ? 1.2 + 0.1 * w : 0
    case 'LA': return isDay(h) ? 63 + 5 * w + (i % 53 === 0 ? 9 : 0) : 48 + 3 * w + (i % 71 === 0 ? 10 : 0)
    case 'Leq': return isDay(h) ? 62 + 2.5 * w : 47 + 1.5 * w
    case 'a34002': return 75 + 25 * w + 15 * Math.sin(h / 3)
    case 'a34001': return 130 + 40 * w
    case 'a34004': return 42 + 12 * w + 8 * Math.sin(h / 4)
    case 'a21026': return 8 + 2 * w
    case 'a21004': return 36 + 10 * w
    case 'a21005': return 0.6 + 0.15 * w
    case 'a05024': return 60 + 40 * Math.sin(((h - 8) / 24) * Math.PI * 2) + 6 * w
    case 'a01001': return 11 + 4 * Math.sin(((h - 9) / 24) * Math.PI * 2) + 0.3 * w
    case 'a01002': return 78 - 10 * Math.sin(((h - 9) / 24) * Math.PI * 2) + 2 * w
    case 'a01006': return 98.6 + 0.1 * w
    case 'a01007': return 1.4 + 0.8 * Math.abs(w)
    case 'a01008': return 180 + 90 * w
    case 'w01001': return 7.7 + 0.15 * w
    case 'w01009': return 7.4 + 0.5 * w
    case 'w01010': return 15.5 + 0.5 * w
    case 'w01014': return 330 + 15 * w
    case 'w01019': return 2.9 + 0.4 * w
    case 'w21003': return 0.42 + 0.08 * w
    case 'w21011': return 0.11 + 0.02 * w
    case 'w21001': return 1.6 + 0.2 * w
    default: return 1 + w
  }
}

function frames(site, device, now, hours) {
  const out = []
  const step = device.interval_s * 1000
  const start = Math.ceil((now - hours * 3600_000) / step) * step
  let i = 0
  for (let t = start; t <= now; t += step, i++) {
    const h = hourOf(t)
    // The restaurant's device is off the network from 03:00 to 05:00: the chart shows the gap.
    if (site.kind === 'restaurant' && h >= 3 && h < 5) continue
    const factors = {}
    for (const code of device.factors) {
      let flag = 'N'
      if (i % 97 === 41) flag = 'D'
      else if (i % 131 === 60) flag = 'C'
      else if (i % 173 === 90) flag = 'M'
      let v = value(code, t, i)
      if (flag === 'D') v *= 1.6 // a faulty sensor reads high
      const digits = Math.abs(v) >= 100 ? 1 : 3
      factors[code] = { Rtd: v.toFixed(digits), Flag: flag }
    }
    const dt = dataTime(t)
    out.push(JSON.stringify({
      qn: `${dt}000`, st: device.st, cn: '2011', pw: device.pw, mn: device.mn, flag: 5,
      cp: { DataTime: dt, factors, fields: {} },
    }))
  }
  return out
}

export async function feed(target, hours = 30, bin = process.env.GREENLOOP_BIN || path.join(root, 'build/greenloop')) {
  const { sites } = JSON.parse(readFileSync(path.join(root, 'data/demo/sites.json'), 'utf8'))
  const now = Date.now() - 30_000
  const lines = []
  for (const code of FED_SITES) {
    const site = sites.find((s) => s.code === code)
    if (!site) throw new Error(`demo site ${code} not found`)
    for (const d of site.devices) if (d.protocol === '2017') lines.push(...frames(site, d, now, hours))
  }
  const enc = spawnSync(bin, ['hj212', 'encode'], { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 })
  if (enc.status !== 0) throw new Error(`hj212 encode failed: ${enc.stderr}`)
  const packets = enc.stdout.split(/\r?\n/).filter((l) => l.startsWith('##'))
  if (packets.length !== lines.length) throw new Error(`encoded ${packets.length} of ${lines.length} frames`)
  const [host, port] = target.split(':')
  return await new Promise((resolve, reject) => {
    let acks = 0
    // Lines that are not a 9014 answer: the platform's own requests to the "device" (time, history of a
    // gap) or refusals. They are reported, and do not end the wait: only the answers to our uploads do.
    const other = []
    let buf = ''
    const done = () => {
      clearTimeout(timer)
      sock.end()
      resolve({ sent: packets.length, acks, rejected: other.length, other: other.slice(0, 3) })
    }
    const sock = net.createConnection({ host, port: Number(port) }, () => sock.write(packets.join('\r\n') + '\r\n'))
    const timer = setTimeout(() => {
      sock.destroy()
      if (acks === 0) reject(new Error(`none of ${packets.length} frames answered`))
      else resolve({ sent: packets.length, acks, rejected: other.length, other: other.slice(0, 3) })
    }, 60_000)
    sock.on('data', (d) => {
      buf += d.toString('latin1')
      const parts = buf.split('\r\n')
      buf = parts.pop() ?? ''
      for (const p of parts) {
        if (p.includes('CN=9014')) acks++
        else if (p) other.push(p.slice(0, 120))
      }
      if (acks >= packets.length) done()
    })
    sock.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2] || '127.0.0.1:9212'
  const hours = Number(process.argv[3] || 30)
  feed(target, hours)
    .then((r) => console.log(`fed ${r.sent} frames: ${r.acks} acknowledged, ${r.rejected} other answers`))
    .catch((e) => {
      console.error(`feed: ${e.message}`)
      process.exit(1)
    })
}
