/**
 * The signed-in user. The tokens stay in the core session (`services.session`): nothing in the
 * views needs them, and a copy here would only be another place for them to go stale.
 */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CurrentUserWire, ProfilePatch } from '@/api/users'
import { useServices } from '@/composables/useServices'
import type { SignOutReason } from '@/core/auth/session/session'
import { useTenantStore } from './tenant'

export const useAuthStore = defineStore('auth', () => {
  const { session, api } = useServices()
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

  /**
   * Keeps the user an answer brings, unless the session it was asked for has since ended or
   * changed hands (another epoch): then it is not this user's and is dropped. Every change of
   * `user` from the server goes through here.
   */
  async function keepUser(answer: () => Promise<CurrentUserWire>): Promise<CurrentUserWire> {
    const epoch = session?.epoch
    const me = await answer()
    if (session?.epoch === epoch) user.value = me
    return me
  }

  async function loadProfile(): Promise<void> {
    await Promise.all([keepUser(api.getMe), tenant.load()])
  }

  /** Saves name, employee id or department; the user shown is the server's answer. */
  const updateProfile = (patch: ProfilePatch): Promise<CurrentUserWire> =>
    keepUser(() => api.updateMe(patch))

  /** Djoser's set_email, then the profile again (set_email answers 204). */
  const changeEmail = (newEmail: string, currentPassword: string): Promise<CurrentUserWire> =>
    keepUser(async () => {
      await api.setEmail({ new_email: newEmail, current_password: currentPassword })
      return api.getMe()
    })

  /** Uploads a new photo (multipart); the user shown carries its URL. */
  const changePhoto = (file: Blob, filename: string): Promise<CurrentUserWire> =>
    keepUser(() => api.uploadPhoto(file, filename))

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

  /** Deletes the signed-in user's account (confirmed by the password), then signs out. */
  async function deleteAccount(currentPassword: string): Promise<void> {
    await api.deleteMe(currentPassword)
    await signOut()
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
    updateProfile,
    changeEmail,
    changePhoto,
    deleteAccount,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAuthStore, import.meta.hot))
