/**
 * The signed-in user. The tokens stay in the core session (`services.session`): nothing in the
 * views needs them, and a copy here would only be another place for them to go stale.
 */
import { defineStore } from 'pinia'
import { computed, inject, ref } from 'vue'
import { getMe, type CurrentUserWire } from '@/api/users'
import type { SignOutReason } from '@/core/auth/session/session'
import { SERVICES } from '@/services'
import { useTenantStore } from './tenant'

export const useAuthStore = defineStore('auth', () => {
  const services = inject(SERVICES)!
  const session = services.session
  const tenant = useTenantStore()

  const user = ref<CurrentUserWire | null>(null)
  /** A restored session whose profile is still on its way: signed in, the role not known yet. */
  const profilePending = ref(false)
  let profile: Promise<void> = Promise.resolve()
  const ready = ref(false)
  const signOutReason = ref<SignOutReason | null>(null)
  let starting: Promise<void> | null = null

  const signedIn = computed(() => user.value !== null || profilePending.value)
  const role = computed(() => user.value?.role ?? null)
  const displayName = computed(() =>
    user.value ? `${user.value.first_name} ${user.value.last_name}`.trim() || user.value.email : '',
  )

  async function loadProfile(): Promise<void> {
    const epoch = session?.epoch
    const [me] = await Promise.all([getMe(services.http), tenant.load()])
    // A profile fetched for a session that has since ended or changed hands is not this user's.
    if (session?.epoch === epoch) user.value = me
  }

  session?.on((event) => {
    if (event.type === 'signedOut') {
      user.value = null
      tenant.clear()
      signOutReason.value = event.reason
    }
    // Another tab signed in (maybe as someone else): never show one user with another's tokens.
    if (event.type === 'signedIn' && event.remote) {
      if (user.value && String(user.value.id) !== String(event.claims.user_id)) user.value = null
      signOutReason.value = null
      void loadProfile().catch(() => {})
    }
    // A session kept through a network failure at start comes back when a later refresh succeeds.
    if (event.type === 'refreshed' && !user.value && ready.value) void loadProfile().catch(() => {})
  })

  /** Restores a stored session once; every guard awaits the same promise. */
  function start(): Promise<void> {
    starting ??= (async () => {
      try {
        if (session && (await session.restore().catch(() => false))) {
          // The page's own requests need only the token: they start now, beside the profile.
          // Routes that check a role wait for it (`profileLoaded`).
          profilePending.value = true
          profile = loadProfile()
            .catch(async () => {
              await session.signOut('invalid-token')
              await tenant.probe()
            })
            .finally(() => (profilePending.value = false))
        } else await tenant.probe()
      } finally {
        ready.value = true
      }
    })()
    return starting
  }

  /** Resolves once a restored session's profile is in (or the session ended for lack of it). */
  const profileLoaded = (): Promise<void> => profile

  async function signIn(email: string, password: string): Promise<void> {
    if (!session) throw new Error('There is no organisation to sign in to on this host.')
    await session.signIn(email, password)
    signOutReason.value = null
    await loadProfile()
  }

  async function signOut(): Promise<void> {
    await session?.signOut('user')
    user.value = null
  }

  return {
    user,
    ready,
    signedIn,
    role,
    displayName,
    signOutReason,
    start,
    profileLoaded,
    signIn,
    signOut,
  }
})
