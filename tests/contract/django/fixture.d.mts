// Types for fixture.mjs (the real-Django contract fixture), for the TypeScript contract suite.

export declare const FIXTURE_DIR: string

export interface FixtureResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

export interface FixtureRequest {
  method?: string
  path?: string
  /** Host header, e.g. django.host('acme'); defaults to 127.0.0.1:PORT. */
  host?: string
  /** Sent as JSON with a Content-Length. */
  body?: unknown
  headers?: Record<string, string>
}

export interface FixtureMail {
  file: string
  to: string | undefined
  subject: string | undefined
  text: string
  url: string | undefined
  uid: string | undefined
  token: string | undefined
  raw: string
}

export type BackendProfile = 'hardened' | 'original'

export interface DjangoFixture {
  profile: BackendProfile
  accessSeconds: number
  port: number
  pid: number | undefined
  baseUrl: string
  stateDir: string
  mailDir: string
  logFile: string
  host(tenant?: string): string
  origin(tenant?: string): string
  request(options: FixtureRequest): Promise<FixtureResponse>
  mails(): FixtureMail[]
  lastMail(): FixtureMail | undefined
  reset(): Promise<void>
  stop(): Promise<void>
}

export interface StartOptions {
  /** BACKEND_PROFILE; default $BACKEND_PROFILE, else 'hardened'. */
  profile?: BackendProfile
  /** ACCESS_SECONDS; default 120 (hardened) or 300 (original, simplejwt's default). */
  accessSeconds?: number
  env?: Record<string, string>
  stateDir?: string
  python?: string
  timeoutMs?: number
  /** What serves it: serve.py (Django's development server, the default) or gunicorn. */
  server?: 'runserver' | 'gunicorn'
}

export declare const PROFILES: readonly BackendProfile[]
export declare function resolveProfile(profile?: string): BackendProfile
export declare function defaultAccessSeconds(profile: BackendProfile): number
export declare function findPython(): string
export declare function request(port: number, options: FixtureRequest): Promise<FixtureResponse>
export declare function readMails(mailDir: string): FixtureMail[]
export declare function startDjango(options?: StartOptions): Promise<DjangoFixture>
