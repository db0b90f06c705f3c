/**
 * Which organisation a hostname belongs to. Pure: the composition root passes the hostname in.
 * `acme.example.com` -> acme; the apex, reserved subdomains, bare `localhost` and IP addresses
 * have no tenant (the organisation finder); anything else is not ours.
 */
export interface TenantConfig {
  /** The domain whose first-level subdomains are tenants: 'localhost' in development. */
  baseDomain: string
  /** Subdomains that are not tenants, e.g. www and app. */
  reserved: readonly string[]
  /** A development override: this tenant whatever the host. */
  override?: string | null
}

export type TenantResolution =
  | { kind: 'tenant'; tenant: string }
  /** The apex, a reserved subdomain, bare localhost or an IP address: no tenant, show the finder. */
  | { kind: 'public' }
  /** A host we cannot map to a tenant (nested subdomain, foreign domain, malformed label). */
  | { kind: 'invalid'; host: string }

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/

/** Lower-cases, strips a port, IPv6 brackets and a trailing dot. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'))
  const colon = h.lastIndexOf(':')
  if (colon !== -1 && h.indexOf(':') === colon) h = h.slice(0, colon)
  return h.replace(/\.+$/, '')
}

export function isIpAddress(host: string): boolean {
  return IPV4.test(host) || host.includes(':')
}

export function isTenantLabel(label: string): boolean {
  return LABEL.test(label)
}

export function resolveTenant(hostname: string, config: TenantConfig): TenantResolution {
  const override = config.override?.trim().toLowerCase()
  if (override)
    return isTenantLabel(override)
      ? { kind: 'tenant', tenant: override }
      : { kind: 'invalid', host: override }
  const host = normalizeHost(hostname)
  const base = normalizeHost(config.baseDomain)
  if (!host || isIpAddress(host) || host === base || host === 'localhost') return { kind: 'public' }
  if (!host.endsWith(`.${base}`)) return { kind: 'invalid', host }
  const sub = host.slice(0, -(base.length + 1))
  if (config.reserved.includes(sub)) return { kind: 'public' }
  if (sub.includes('.') || !isTenantLabel(sub)) return { kind: 'invalid', host }
  return { kind: 'tenant', tenant: sub }
}
