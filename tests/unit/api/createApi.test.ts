/** createApi binds every call to one client: its base URL, its tokens, its public calls. */
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { createApi } from '@/api/createApi'
import { createHttpClient } from '@/core/http/createHttpClient'
import { endpoint, mockBackend, testServices } from '@/testing'

/** Each request's method, host, path and Authorization header, in order. */
function watchRequests(): string[] {
  const seen: string[] = []
  mockBackend.use(
    http.all(endpoint('/*'), ({ request }) => {
      const url = new URL(request.url)
      const auth = request.headers.get('authorization')?.split(' ')[0] ?? 'none'
      seen.push(`${request.method} ${url.host}${url.pathname} ${auth}`)
      return undefined
    }),
  )
  return seen
}

describe('createApi', () => {
  it('sends each call through the client it was given, with its arguments', async () => {
    const seen = watchRequests()
    const api = createApi(createHttpClient({ baseURL: 'http://globex.localhost:5173/api/v1' }))
    await expect(api.findTenant('GLO-1002')).resolves.toMatchObject({ name: 'Globex Corporation' })
    await expect(api.listAccounts()).rejects.toMatchObject({ status: 401 })
    expect(seen).toEqual([
      'POST globex.localhost:5173/api/v1/tenants/info/ none',
      'GET globex.localhost:5173/api/v1/accounts/ none',
    ])
  })

  it("the services' api carries the session's token, and public calls never do", async () => {
    const services = testServices('acme')
    await services.session!.signIn('staff@acme.test', 'acme-staff-pass-1')
    const seen = watchRequests()
    const [account] = await services.api.listAccounts()
    await services.api.getAccount(account!.id)
    await services.api.requestPasswordReset('staff@acme.test')
    expect(seen).toEqual([
      'GET acme.localhost:5173/api/v1/accounts/ Bearer',
      'GET acme.localhost:5173/api/v1/accounts/1/ Bearer',
      'POST acme.localhost:5173/api/v1/auth/users/reset_password/ none',
    ])
  })
})
