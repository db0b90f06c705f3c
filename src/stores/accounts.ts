/** The organisation's accounts: the money it holds. Anyone signed in may add and change them. */
import { acceptHMRUpdate, defineStore } from 'pinia'
import type { AccountInput, AccountWire } from '@/api/core'
import { useApi } from '@/composables/useServices'
import { remoteList } from './remoteList'

const byName = (a: AccountWire, b: AccountWire): number =>
  a.name.localeCompare(b.name) || a.id - b.id

export const useAccountsStore = defineStore('accounts', () => {
  const api = useApi()
  const list = remoteList(async () => (await api.listAccounts()).sort(byName))

  async function create(input: AccountInput): Promise<AccountWire> {
    const created = await api.createAccount(input)
    list.items.value = [...list.items.value, created].sort(byName)
    return created
  }

  async function update(id: number, input: AccountInput): Promise<AccountWire> {
    const updated = await api.updateAccount(id, input)
    list.items.value = list.items.value.map((a) => (a.id === id ? updated : a)).sort(byName)
    return updated
  }

  return { ...list, create, update }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAccountsStore, import.meta.hot))
