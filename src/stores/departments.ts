/** The tenant's departments: read by everyone signed in, created and renamed by Admins. */
import { defineStore } from 'pinia'
import { computed, inject, ref } from 'vue'
import {
  createDepartment,
  listDepartments,
  renameDepartment,
  type DepartmentWire,
} from '@/api/tenants'
import { SERVICES } from '@/services'
import type { LoadStatus } from './loadStatus'

export const useDepartmentsStore = defineStore('departments', () => {
  const services = inject(SERVICES)!
  const items = ref<DepartmentWire[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  let inflight: Promise<void> | null = null

  const byId = computed(() => new Map(items.value.map((d) => [d.id, d])))
  const nameOf = (id: number | null | undefined): string =>
    id == null ? '' : (byId.value.get(id)?.name ?? `#${id}`)

  const sort = (list: DepartmentWire[]): DepartmentWire[] =>
    [...list].sort((a, b) => a.name.localeCompare(b.name))

  function load(force = false): Promise<void> {
    if (!force && status.value === 'ready') return Promise.resolve()
    inflight ??= (async () => {
      status.value = 'loading'
      error.value = null
      try {
        items.value = sort(await listDepartments(services.http))
        status.value = 'ready'
      } catch (e) {
        error.value = e
        status.value = 'error'
      } finally {
        inflight = null
      }
    })()
    return inflight
  }

  async function create(name: string): Promise<DepartmentWire> {
    const created = await createDepartment(services.http, name)
    items.value = sort([...items.value, created])
    return created
  }

  async function rename(id: number, name: string): Promise<DepartmentWire> {
    const updated = await renameDepartment(services.http, id, name)
    items.value = sort(items.value.map((d) => (d.id === id ? updated : d)))
    return updated
  }

  return { items, status, error, nameOf, load, create, rename }
})
