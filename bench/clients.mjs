// The clients compared, each built fresh over the same keep-alive agent: ours (the bundled core),
// bare axios, and axios-auth-refresh v5 with its defaults and with deduplicateRefresh off.
import http from 'node:http'
import axios from 'axios'
import createAuthRefresh from 'axios-auth-refresh'

export const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
const instance = (baseURL) => axios.create({ baseURL, httpAgent: agent, timeout: 30_000 })

export async function ours(core, backend) {
  const session = core.createSession({
    tenant: 'acme',
    api: core.createTokenApi(instance(backend.baseURL)),
    storage: core.memoryStorage('acme'),
  })
  await session.signIn('admin@acme.test', 'pw')
  const api = instance(backend.baseURL)
  core.installAuthInterceptors(api, session)
  return { api, session, dispose: () => session.dispose() }
}

export async function bare(_core, backend) {
  const { access } = backend.pair()
  const api = instance(backend.baseURL)
  api.defaults.headers.common.Authorization = `Bearer ${access}`
  return { api, dispose() {} }
}

function authRefresh(options) {
  return async (_core, backend) => {
    let tokens = backend.pair()
    const refresher = instance(backend.baseURL)
    const api = instance(backend.baseURL)
    api.interceptors.request.use((config) => {
      config.headers.Authorization = `Bearer ${tokens.access}`
      return config
    })
    createAuthRefresh(
      api,
      async () => {
        const { data } = await refresher.post('/auth/jwt/refresh/', { refresh: tokens.refresh })
        tokens = data
      },
      options,
    )
    return { api, dispose() {} }
  }
}

export const CLIENTS = {
  ours,
  'bare axios': bare,
  'axios-auth-refresh v5 (defaults)': authRefresh({}),
  'axios-auth-refresh v5 (deduplicateRefresh: false)': authRefresh({ deduplicateRefresh: false }),
}
