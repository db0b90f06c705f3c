/**
 * The component-test kit (README, "Writing component tests"). Test code only: nothing in the app
 * imports it, so no production bundle contains it (tests/build holds that).
 */
export { renderWithApp, type RenderOptions, type Rendered } from './renderWithApp'
export {
  renderIsolated,
  IsolatedRequestError,
  type IsolatedOptions,
  type RenderedIsolated,
} from './renderIsolated'
export { mockBackend, endpoint, type ProfileName, type RefreshFailure } from './mockBackend'
export { mockNetwork, inBrowser, type MockNetwork } from './mockNetwork'
export { testServices } from './testServices'
export { findUser, type SignInAs, type TenantName, type TestUser } from './signInAs'
export { until, text } from './waitFor'
/** Unmounts what this test rendered so far (the setup file also does it after each test). */
export { teardownAll as cleanup, onTeardown } from './mounted'
export { submitForm } from './submitForm'
