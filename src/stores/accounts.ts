/** The organisation's accounts: the money it holds. Anyone signed in may add and change them. */
import { defineStore } from 'pinia'
import { inject } from 'vue'
import {
  createAccount,
  listAccounts,
  updateAccount,
  type AccountInput,
  type AccountWire,
} from '@/api/core'
import { SERVICES } from '@/services'
import { remoteList } from './remoteList'

const byName = (a: AccountWire, b: AccountWire): number =>
  a.name.localeCompare(b.name) || a.id - b.id

export const useAccountsStore = defineStore('accounts', () => {
  const services = inject(SERVICES)!
  const list = remoteList(async () => (await listAccounts(services.http)).sort(byName))

  async function create(input: AccountInput): Promise<AccountWire> {
    const created = await createAccount(services.http, input)
    list.items.value = [...list.items.value, created].sort(byName)
    return created
  }

  async function update(id: number, input: AccountInput): Promise<AccountWire> {
    const updated = await updateAccount(services.http, id, input)
    list.items.value = list.items.value.map((a) => (a.id === id ? updated : a)).sort(byName)
    return updated
  }

  return { ...list, create, update }
})
