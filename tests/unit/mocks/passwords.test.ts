/** CommonPasswordValidator with Django's whole list, in both profiles. */
import { describe, expect, it } from 'vitest'
import { configureMock } from '@/mocks/config'
import { commonPasswords } from '@/mocks/users/commonPasswords'
import { ACME, call } from './helpers'

describe("Django's common-password list", () => {
  it('holds the whole list, lower case', async () => {
    const list = await commonPasswords()
    expect(list.size).toBe(19727)
    expect([...list].every((w) => w === w.toLowerCase() && w === w.trim() && w !== '')).toBe(true)
  })

  it.each(['original', 'hardened'] as const)(
    'the %s profile refuses rarer list entries too, in any letter case',
    async (profile) => {
      configureMock({ profile })
      for (const password of ['taekwondo', 'Panasonic1', ' whocares1 ']) {
        const r = await call(`${ACME}/api/v1/auth/users/`, {
          body: { email: 'n@acme.test', password },
        })
        expect([r.status, r.body]).toEqual([400, { password: ['This password is too common.'] }])
      }
      const fine = await call(`${ACME}/api/v1/auth/users/`, {
        body: { email: 'n@acme.test', password: 'taekwondo-owl-42' },
      })
      expect(fine.status).toBe(201)
    },
  )
})
