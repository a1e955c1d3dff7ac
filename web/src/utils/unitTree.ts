import type { Unit } from '@/api/types'

export interface UnitNode extends Unit {
  children?: UnitNode[]
}

const KIND_ORDER = { district: 0, department: 1, subdistrict: 2, enterprise: 3 } as const

function compare(a: Unit, b: Unit): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.code.localeCompare(b.code)
}

/**
 * Turns the flat unit list into a tree by parent_id. A unit whose parent is not in the list
 * (inactive and filtered out, or outside the caller's scope) becomes a root, so nothing is lost.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const byId = new Map<string, UnitNode>()
  for (const u of units) byId.set(u.id, { ...u })
  const roots: UnitNode[] = []
  for (const node of byId.values()) {
    const parent = node.parent_id ? byId.get(node.parent_id) : undefined
    if (parent && parent !== node) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  const sort = (nodes: UnitNode[]) => {
    nodes.sort(compare)
    for (const n of nodes) if (n.children) sort(n.children)
  }
  sort(roots)
  return roots
}

/** The node with this id, searched depth-first; undefined if absent. */
export function findUnit(tree: readonly UnitNode[], id: string): UnitNode | undefined {
  for (const n of tree) {
    if (n.id === id) return n
    const hit = n.children ? findUnit(n.children, id) : undefined
    if (hit) return hit
  }
  return undefined
}

export interface UnitOption {
  value: string
  label: string
  disabled?: boolean
  children?: UnitOption[]
}

/** Options for ElTreeSelect; inactive units are shown but cannot be chosen. */
export function unitOptions(tree: readonly UnitNode[], english: boolean): UnitOption[] {
  return tree.map((n) => ({
    value: n.id,
    label: english && n.name_en ? n.name_en : n.name,
    disabled: !n.active,
    children: n.children ? unitOptions(n.children, english) : undefined,
  }))
}

/** The display name of a unit in the UI language. */
export function unitLabel(u: Pick<Unit, 'name' | 'name_en'>, english: boolean): string {
  return english && u.name_en ? u.name_en : u.name
}
