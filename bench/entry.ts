/** What the benchmark imports: the auth core alone (src/core/auth + src/core/http), nothing of the app. */
export { createSession } from '../src/core/auth/session/session'
export { createTokenApi } from '../src/core/auth/session/tokenApi'
export { memoryStorage } from '../src/core/auth/tokenStorage'
export { installAuthInterceptors } from '../src/core/http/authInterceptors'
export { createHttpClient } from '../src/core/http/createHttpClient'
export { toApiError } from '../src/core/http/errors'
