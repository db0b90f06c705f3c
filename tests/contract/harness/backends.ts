/**
 * The two backends a scenario runs against, behind one interface:
 *
 * - the mock, reached for real through the MSW node server: `fetch('http://acme.localhost:PORT/…')`
 *   while `server.listen()` is on. MSW intercepts every Node HTTP request of the process, including
 *   the ones to the Django fixture on 127.0.0.1, so the server listens only for the duration of a
 *   mock call and is closed again before any Django call (`withMsw`).
 * - the live Django fixture (tests/contract/django), reached over 127.0.0.1 with a `Host` header,
 *   because Node cannot resolve `*.localhost`.
 *
 * Both sides use the same host names and port, so absolute URLs (photos, mail links) and mail
 * subjects that embed the host compare as they are.
 */
import http from 'node:http'
import { configureMock, resetMockConfig } from '@/mocks/config'
import { db, resetDb } from '@/mocks/db'
import { server } from '@/mocks/node'
import type { DjangoFixture } from '../django/fixture.mjs'
import type { RawResponse } from './normalise'

/** The hosts a scenario may call: a tenant label, the public host, or a literal host name. */
export type HostName =
  'acme' | 'globex' | 'initech' | 'nope' | 'a.b' | 'public' | '127.0.0.1' | 'evil.example.com'

export interface WireRequest {
  method: string
  host: HostName
  path: string
  headers: Record<string, string>
  body?: string | Uint8Array
}

/** One mail as both backends' outboxes describe it. */
export interface Mail {
  to: string | undefined
  subject: string | undefined
  url: string | undefined
  uid: string | undefined
  token: string | undefined
  /** The plain-text body. */
  text: string
}

export interface Backend {
  readonly name: 'mock' | 'django'
  readonly accessSeconds: number
  reset(): Promise<void>
  /** Sends the requests at the same time and returns the answers in order. */
  send(requests: WireRequest[]): Promise<RawResponse[]>
  /** Every mail sent since the last reset, oldest first. */
  mails(): Mail[]
}

export type Profile = 'original' | 'hardened'

/**
 * What the mock is told for a scenario (`configureMock` of src/mocks/config.ts), and what the
 * fixture was started with: the profile, and the simplejwt / Djoser settings on top of it.
 */
export interface MockSettings {
  profile: Profile
  accessSeconds: number
  passwordRetype?: boolean
  rotate?: boolean
  blacklist?: boolean
  tenantClaim?: boolean
  issueIat?: boolean
  authHeaderTypes?: string[]
}

export interface BackendConfig {
  accessSeconds: number
  /** Given to configureMock() before resetDb() on every reset. */
  mock: MockSettings
}

function authority(host: HostName, port: number): string {
  if (host === 'evil.example.com') return host
  if (host === 'public') return `localhost:${port}`
  if (host === '127.0.0.1') return `127.0.0.1:${port}`
  return `${host}.localhost:${port}`
}

// ------------------------------------------------------------------------------------ mock

let mswListening = false

/** Runs `work` with the MSW server listening, and always closes it again. */
async function withMsw<T>(work: () => Promise<T>): Promise<T> {
  if (mswListening) throw new Error('MSW is already listening (overlapping mock calls)')
  server.listen({ onUnhandledRequest: 'error' })
  mswListening = true
  try {
    return await work()
  } finally {
    server.close()
    mswListening = false
  }
}

function headersOf(h: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  h.forEach((value, key) => {
    out[key.toLowerCase()] = value
  })
  return out
}

export class MockBackend implements Backend {
  readonly name = 'mock' as const
  readonly accessSeconds: number

  constructor(
    private readonly port: number,
    private readonly config: BackendConfig,
  ) {
    this.accessSeconds = config.accessSeconds
  }

  async reset(): Promise<void> {
    resetMockConfig()
    // The profile chooses the seed (per-tenant ids in the original), so it goes in first.
    configureMock(this.config.mock as Parameters<typeof configureMock>[0])
    resetDb()
  }

  send(requests: WireRequest[]): Promise<RawResponse[]> {
    return withMsw(() =>
      Promise.all(
        requests.map(async (r) => {
          const res = await fetch(`http://${authority(r.host, this.port)}${r.path}`, {
            method: r.method,
            headers: r.headers,
            body: r.body as BodyInit | undefined,
            redirect: 'manual',
          })
          return { status: res.status, headers: headersOf(res.headers), text: await res.text() }
        }),
      ),
    )
  }

  mails(): Mail[] {
    return db.outbox.map((m) => ({
      to: m.to,
      subject: m.subject,
      url: m.link,
      uid: m.uid,
      token: m.token,
      text: m.body,
    }))
  }
}

// ---------------------------------------------------------------------------------- django

function djangoRequest(port: number, r: WireRequest): Promise<RawResponse> {
  if (mswListening) throw new Error('MSW is listening: a Django call would be intercepted')
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : Buffer.from(r.body)
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: r.method,
        path: r.path,
        // Django's development server cannot read chunked bodies: always send Content-Length.
        headers: {
          ...r.headers,
          host: authority(r.host, port),
          'content-length': body?.length ?? 0,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const headers: Record<string, string> = {}
          for (const [key, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value
          }
          resolve({
            status: res.statusCode ?? 0,
            headers,
            text: Buffer.concat(chunks).toString('utf8'),
          })
        })
      },
    )
    req.on('error', reject)
    req.setTimeout(15_000, () => req.destroy(new Error(`${r.method} ${r.path} timed out`)))
    if (body) req.write(body)
    req.end()
  })
}

export class DjangoBackend implements Backend {
  readonly name = 'django' as const
  readonly accessSeconds: number

  constructor(
    readonly fixture: DjangoFixture,
    config: BackendConfig,
  ) {
    this.accessSeconds = config.accessSeconds
  }

  get port(): number {
    return this.fixture.port
  }

  reset(): Promise<void> {
    return this.fixture.reset()
  }

  send(requests: WireRequest[]): Promise<RawResponse[]> {
    return Promise.all(requests.map((r) => djangoRequest(this.fixture.port, r)))
  }

  mails(): Mail[] {
    return this.fixture.mails().map((m) => ({
      to: m.to,
      subject: m.subject,
      url: m.url,
      uid: m.uid,
      token: m.token,
      text: m.text,
    }))
  }
}
