/** Tunables of the mock backend. Tests shorten lifetimes to expire tokens in seconds. */
export interface MockConfig {
  /** Access token lifetime in seconds (simplejwt ACCESS_TOKEN_LIFETIME; the contract server uses 120). */
  accessSeconds: number
  /** Refresh token lifetime in seconds (7 days). */
  refreshSeconds: number
  /** HS256 signing key (Django's SECRET_KEY). */
  signingKey: string
  /** The contract server's PASSWORD_RETYPE=1: Djoser's re_password / re_new_password / re_new_email. */
  passwordRetype: boolean
}

const defaults: MockConfig = {
  accessSeconds: 120,
  refreshSeconds: 7 * 24 * 3600,
  signingKey: 'mock-django-secret-key-not-for-production',
  passwordRetype: false,
}

export const mockConfig: MockConfig = { ...defaults }

export function configureMock(patch: Partial<MockConfig>): void {
  Object.assign(mockConfig, patch)
}

export function resetMockConfig(): void {
  Object.assign(mockConfig, defaults)
}
