#!/usr/bin/env node
// Gzipped JavaScript each route loads first, from the built dist/ (vite's .vite/manifest.json): the entry's
// static imports plus the route's page (and the console layout for console pages) with their static imports.
// Lazy parts a page loads later (the map of the report form, the dashboard's charts) are listed apart.
// Usage: node e2e/weight.mjs [dist]   Exits 1 when a route is over its budget (portal 250 KB, others 500 KB).
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = path.resolve(process.argv[2] || path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist'))
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'))
const gz = new Map()
const size = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length)
  return gz.get(file)
}
/** The chunk files a manifest key loads at once (itself and its static imports, transitively). */
function closure(key, out = new Set()) {
  const c = manifest[key]
  if (!c || out.has(c.file)) return out
  out.add(c.file)
  for (const i of c.imports ?? []) closure(i, out)
  return out
}
const lazy = (key) => (manifest[key]?.dynamicImports ?? []).filter((k) => !/\/views\/.*index\.vue$|\/layout\//.test(k))
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
const LAYOUT = 'src/layout/ConsoleLayout.vue'
const ROUTES = [
  ['portal', 'src/views/portal/index.vue', false, 250],
  ['login', 'src/views/login/index.vue', false, 500],
  ['dashboard', 'src/views/dashboard/index.vue', false, 500],
  ['home', 'src/views/home/index.vue', true, 500],
  ['cases', 'src/views/cases/list/index.vue', true, 500],
  ['case detail', 'src/views/cases/detail/index.vue', true, 500],
  ['alarms', 'src/views/alarms/index.vue', true, 500],
  ['site', 'src/views/monitoring/site/index.vue', true, 500],
  ['people', 'src/views/admin/people/index.vue', true, 500],
]
let over = 0
console.log('route           first-load JS (gzip)   then lazily')
for (const [name, key, console_, budget] of ROUTES) {
  if (!manifest[key]) continue
  const files = closure(entry)
  if (console_) closure(LAYOUT, files)
  closure(key, files)
  const kib = [...files].reduce((n, f) => n + size(f), 0) / 1024
  const later = lazy(key).map((k) => {
    const extra = [...closure(k)].filter((f) => !files.has(f))
    return `${path.basename(k)} +${(extra.reduce((n, f) => n + size(f), 0) / 1024).toFixed(1)}`
  })
  const flag = kib > budget ? `  OVER ${budget}` : ''
  if (kib > budget) over++
  console.log(`${name.padEnd(15)} ${kib.toFixed(1).padStart(7)} KiB (${files.size} files)${flag}   ${later.join(', ')}`)
}
process.exit(over ? 1 : 0)
