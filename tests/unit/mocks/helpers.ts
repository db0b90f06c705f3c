/** Small fetch helpers for the mock backend tests (MSW intercepts *.localhost, no DNS needed). */
import { decodeJwt } from 'jose'

export const ACME = 'http://acme.localhost'
export const GLOBEX = 'http://globex.localhost'

export const ACCOUNTS = {
  acmeAdmin: { email: 'admin@acme.test', password: 'acme-admin-pass-1' },
  acmeStaff: { email: 'staff@acme.test', password: 'acme-staff-pass-1' },
  globexAdmin: { email: 'admin@globex.test', password: 'globex-admin-pass-1' },
  globexStaff: { email: 'staff@globex.test', password: 'globex-staff-pass-1' },
} as const

export interface Reply {
  status: number
  body: unknown
  text: string
  headers: Headers
}

export async function call(
  url: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers }
  let body: BodyInit | undefined
  if (init.body instanceof FormData || typeof init.body === 'string') body = init.body
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body)
    headers['Content-Type'] = 'application/json'
  }
  if (init.token) headers.Authorization = `Bearer ${init.token}`
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    redirect: 'manual',
  })
  const text = await res.text()
  let parsed: unknown = undefined
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return { status: res.status, body: parsed, text, headers: res.headers }
}

export async function login(
  account: { email: string; password: string },
  origin = ACME,
): Promise<{ access: string; refresh: string }> {
  const r = await call(`${origin}/api/v1/auth/jwt/create/`, { body: account })
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`)
  return r.body as { access: string; refresh: string }
}

export const claims = (token: string) => decodeJwt(token) as Record<string, unknown>
