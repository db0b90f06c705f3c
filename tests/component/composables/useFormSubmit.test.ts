import { describe, expect, it, vi } from 'vitest'
import { requireValue, useFormSubmit } from '@/composables/useFormSubmit'
import { ApiError, NetworkError } from '@/core/http/errors'

const badRequest = (fields: Record<string, string[]>): ApiError =>
  new ApiError('Bad request', 400, null, fields, fields)

describe('useFormSubmit', () => {
  it('stops at a failed client check without calling the action', async () => {
    const action = vi.fn(async () => {})
    const form = useFormSubmit(action, {
      validate: () => requireValue('name', '', 'Enter a name.'),
    })
    expect(await form.submit()).toBe(false)
    expect(action).not.toHaveBeenCalled()
    expect(form.errors.value).toEqual({ name: ['Enter a name.'] })
    expect(form.busy.value).toBe(false)
  })

  it('runs one submit at a time and hands the action its arguments', async () => {
    let finish!: () => void
    const action = vi.fn((_n: number) => new Promise<void>((resolve) => (finish = resolve)))
    const form = useFormSubmit(action)
    const first = form.submit(1)
    expect(form.busy.value).toBe(true)
    expect(await form.submit(2)).toBe(false)
    finish()
    expect(await first).toBe(true)
    expect(action).toHaveBeenCalledTimes(1)
    expect(action).toHaveBeenCalledWith(1)
    expect(form.busy.value).toBe(false)
  })

  it("shows the form's fields inline and the rest as one message", async () => {
    const form = useFormSubmit(
      () => Promise.reject(badRequest({ email: ['Taken.'], non_field_errors: ['Nope.'] })),
      { fields: ['email'] },
    )
    await form.submit()
    expect(form.errors.value).toEqual({ email: ['Taken.'] })
    expect(form.message.value).toBe('Nope.')
  })

  it('says when the server cannot be reached, and clears it on the next try', async () => {
    const action = vi.fn().mockRejectedValueOnce(new NetworkError('offline'))
    action.mockResolvedValueOnce(undefined)
    const form = useFormSubmit(action as () => Promise<void>, { fields: ['email'] })
    await form.submit()
    expect(form.message.value).toBe('Cannot reach the server. Check your connection and try again.')
    await form.submit()
    expect(form.message.value).toBeNull()
  })

  it('puts a failure on the field when the form has no message line', async () => {
    const form = useFormSubmit(() => Promise.reject(new NetworkError('offline')), {
      messageField: 'photo',
    })
    await form.submit()
    expect(form.errors.value).toEqual({
      photo: ['Cannot reach the server. Check your connection and try again.'],
    })
    expect(form.message.value).toBeNull()
  })

  it('lets the form word the message itself', async () => {
    const describeError = vi.fn((_e: unknown, fallback: string | null) => `!${fallback}`)
    const form = useFormSubmit(() => Promise.reject(badRequest({ token: ['Invalid.'] })), {
      describe: describeError,
    })
    await form.submit()
    expect(form.message.value).toBe('!Invalid.')
  })

  it('can stay busy after a success that leaves the page', async () => {
    const form = useFormSubmit(async () => {}, { stayBusyOnSuccess: true })
    expect(await form.submit()).toBe(true)
    expect(form.busy.value).toBe(true)
  })
})
