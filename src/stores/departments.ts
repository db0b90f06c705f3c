/** The tenant's departments: read by everyone signed in, created and renamed by Admins. */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed } from 'vue'
import type { DepartmentWire } from '@/api/tenants'
import { useApi } from '@/composables/useServices'
import { remoteList } from './remoteList'

const byName = (list: DepartmentWire[]): DepartmentWire[] =>
  [...list].sort((a, b) => a.name.localeCompare(b.name))

export const useDepartmentsStore = defineStore('departments', () => {
  const api = useApi()
  const list = remoteList(async () => byName(await api.listDepartments()))

  const byId = computed(() => new Map(list.items.value.map((d) => [d.id, d])))
  const nameOf = (id: number | null | undefined): string =>
    id == null ? '' : (byId.value.get(id)?.name ?? `#${id}`)

  async function create(name: string): Promise<DepartmentWire> {
    const created = await api.createDepartment(name)
    list.items.value = byName([...list.items.value, created])
    return created
  }

  async function rename(id: number, name: string): Promise<DepartmentWire> {
    const updated = await api.renameDepartment(id, name)
    list.items.value = byName(list.items.value.map((d) => (d.id === id ? updated : d)))
    return updated
  }

  return { ...list, nameOf, create, rename }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDepartmentsStore, import.meta.hot))
