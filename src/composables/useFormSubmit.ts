/**
 * The submit cycle every form shares: one request at a time, client checks first, then the
 * request, with a failure split into inline field errors and one message for the rest.
 */
import { ref } from 'vue'
import { splitErrors } from '@/api/describeError'
import type { FieldErrors } from '@/core/http/errors'

export interface FormSubmitOptions {
  /** The fields the form shows inline; server errors for any other field go to `message`. */
  fields?: readonly string[]
  /** Client checks; any error stops the submit before a request is made. */
  validate?: () => FieldErrors
  /** The message for a failure, instead of the one splitErrors gives (`fallback`). */
  describe?: (error: unknown, fallback: string | null) => string | null
  /** For a form without a message line: a failure not about this field is shown on it. */
  messageField?: string
  /** For a form that leaves the page on success: stay busy rather than offer a second submit. */
  stayBusyOnSuccess?: boolean
}

/** `submit(...args)` hands its arguments to `action` (a DOM submit handler passes the event). */
export function useFormSubmit<Args extends unknown[]>(
  action: (...args: Args) => Promise<void>,
  options: FormSubmitOptions = {},
) {
  const { fields = [], validate, describe, messageField, stayBusyOnSuccess = false } = options
  const busy = ref(false)
  const errors = ref<FieldErrors>({})
  const message = ref<string | null>(null)

  function fail(error: unknown): void {
    const split = splitErrors(error, messageField ? [messageField] : fields)
    const text = describe ? describe(error, split.message) : split.message
    if (messageField) {
      errors.value = { [messageField]: split.fields[messageField] ?? (text ? [text] : []) }
      message.value = null
    } else {
      errors.value = split.fields
      message.value = text
    }
  }

  /** Runs the action unless a submit is under way or a client check fails; true on success. */
  async function submit(...args: Args): Promise<boolean> {
    if (busy.value) return false
    message.value = null
    errors.value = validate?.() ?? {}
    if (Object.keys(errors.value).length) return false
    busy.value = true
    try {
      await action(...args)
      if (!stayBusyOnSuccess) busy.value = false
      return true
    } catch (error) {
      fail(error)
      busy.value = false
      return false
    }
  }

  return { busy, errors, message, submit }
}

/** The one client check of a one-field form: `{ field: [text] }` when `value` is empty. */
export function requireValue(field: string, value: string, text: string): FieldErrors {
  return value ? {} : { [field]: [text] }
}

/** Checks of a new password and its confirmation: at least 8 characters, and the two alike. */
export function newPasswordErrors(
  field: string,
  password: string,
  confirmField: string,
  confirm: string,
): FieldErrors {
  const e: FieldErrors = {}
  if (password.length < 8) e[field] = ['Use at least 8 characters.']
  if (password !== confirm) e[confirmField] = ['The two passwords do not match.']
  return e
}
