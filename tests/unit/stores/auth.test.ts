/** The auth store owns every change of the user: sign-in, profile, email, photo, deletion. */
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { useAuthStore } from '@/stores/auth'
import { endpoint, mockBackend } from '@/testing'
import { storeApp } from './storeApp'

/** Holds the answers to one endpoint until `release()`, then lets the mock answer them. */
function holdAnswers(method: 'get' | 'patch', path: string) {
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  const seen: string[] = []
  mockBackend.use(
    http[method](endpoint(path), async ({ request }) => {
      seen.push(request.method)
      await held
      return undefined
    }),
  )
  return { release, seen }
}

describe('auth store', () => {
  it('signs in and keeps the user the server names', async () => {
    const { pinia } = await storeApp({ tenant: 'globex', as: 'staff' })
    const auth = useAuthStore(pinia)
    expect(auth.signedIn).toBe(true)
    expect([auth.user?.email, auth.role, auth.displayName]).toEqual([
      'staff@globex.test',
      'Staff',
      'Hank Staff',
    ])
  })

  it('updateProfile saves the patch and shows the server’s answer', async () => {
    const { pinia } = await storeApp({ as: 'staff' })
    const auth = useAuthStore(pinia)
    const saved = await auth.updateProfile({ last_name: 'Staffer', department: 1 })
    expect(saved.last_name).toBe('Staffer')
    expect([auth.user?.last_name, auth.user?.department, auth.displayName]).toEqual([
      'Staffer',
      1,
      'Sam Staffer',
    ])
  })

  it('drops a profile answer that arrives after the session ended', async () => {
    const { pinia } = await storeApp({ as: 'staff' })
    const auth = useAuthStore(pinia)
    const hold = holdAnswers('patch', '/auth/users/me/')
    const saving = auth.updateProfile({ last_name: 'Late' })
    await expect.poll(() => hold.seen).toEqual(['PATCH'])
    await auth.signOut()
    hold.release()
    await saving
    expect(auth.user).toBeNull()
    expect(auth.signedIn).toBe(false)
  })

  it('changeEmail sets the address and reloads the user', async () => {
    const { pinia } = await storeApp({ as: 'staff' })
    const auth = useAuthStore(pinia)
    await auth.changeEmail('sam@acme.test', 'acme-staff-pass-1')
    expect(auth.user?.email).toBe('sam@acme.test')
  })

  it('changeEmail with a wrong password leaves the user as it was', async () => {
    const { pinia } = await storeApp({ as: 'staff' })
    const auth = useAuthStore(pinia)
    await expect(auth.changeEmail('sam@acme.test', 'wrong-password')).rejects.toMatchObject({
      status: 400,
    })
    expect(auth.user?.email).toBe('staff@acme.test')
  })

  it('changePhoto uploads the image and shows its URL', async () => {
    const { pinia } = await storeApp({ as: 'admin' })
    const auth = useAuthStore(pinia)
    const png = Uint8Array.from(
      atob(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
      ),
      (c) => c.charCodeAt(0),
    )
    await auth.changePhoto(new Blob([png], { type: 'image/png' }), 'me.png')
    expect(auth.user?.photo).toMatch(/^http:\/\/acme\.localhost(:\d+)?\/media\/users\/photos\/me/)
  })

  it('deleteAccount removes the account and signs out', async () => {
    const { pinia } = await storeApp({ as: 'staff' })
    const auth = useAuthStore(pinia)
    await auth.deleteAccount('acme-staff-pass-1')
    expect(auth.signedIn).toBe(false)
    await expect(auth.signIn('staff@acme.test', 'acme-staff-pass-1')).rejects.toThrow()
  })
})
