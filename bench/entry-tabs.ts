/** The auth core with the tab-sync plug-in and its browser ports: what a localStorage session loads in all. */
export * from './entry'
export { browserTabProtocol } from '../src/core/auth/tabs/browserPorts'
