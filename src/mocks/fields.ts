/**
 * DRF's serializer fields, reduced to what the contract's serializers use: each check returns the
 * cleaned value (undefined when absent) and records DRF's exact messages, in field order.
 */
import { FORM_BODY, pyTypeName, REQUIRED, type Body, type FieldErrors } from './drf'

export interface FieldOpts {
  required?: boolean
  allowNull?: boolean
  allowBlank?: boolean
  maxLength?: number
}

const NOT_NULL = 'This field may not be null.'

/** Python's str() of a JSON value, as DRF puts it into messages. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

const EMAIL_USER =
  /^[-!#$%&'*+/=?^_`{}|~0-9a-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9a-z]+)*$|^"([\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*"$/i
const EMAIL_DOMAIN = /^((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+)(?:[a-z0-9-]{2,63}(?<!-))$/i
const EMAIL_LITERAL = /^\[(\d{1,3}\.){3}\d{1,3}\]$/

/** Django's EmailValidator (3.2), without the IDNA retry. */
export function isValidEmail(value: string): boolean {
  const at = value.lastIndexOf('@')
  if (at <= 0) return false
  const user = value.slice(0, at)
  const domain = value.slice(at + 1)
  if (!EMAIL_USER.test(user)) return false
  return domain === 'localhost' || EMAIL_DOMAIN.test(domain) || EMAIL_LITERAL.test(domain)
}

const TRUE = new Set<unknown>(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE'])
const FALSE = new Set<unknown>(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE'])
for (const v of ['on', 'On', 'ON', '1', 1, true]) TRUE.add(v)
for (const v of ['off', 'Off', 'OFF', '0', 0, false]) FALSE.add(v)

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number
}

export class Fields {
  readonly errors: FieldErrors = {}

  /** `partial` is PATCH: absent fields are never required. */
  constructor(
    readonly data: Body,
    readonly partial = false,
  ) {}

  get valid(): boolean {
    return Object.keys(this.errors).length === 0
  }

  fail(name: string, message: string): undefined {
    ;(this.errors[name] ??= []).push(message)
    return undefined
  }

  /** Presence, required and null handling shared by every field. */
  private present(name: string, o: FieldOpts): { value: unknown } | { done: null | undefined } {
    if (!(name in this.data) || this.data[name] === undefined) {
      if (o.required && !this.partial) this.fail(name, REQUIRED)
      return { done: undefined }
    }
    const value = this.data[name]
    // Field.get_value for HTML form input: an empty value is None for a nullable field, and
    // "not given" for an optional one, unless blank strings are allowed.
    if (value === '' && FORM_BODY in this.data && !o.allowBlank) {
      if (o.allowNull) return { done: null }
      if (!o.required) return { done: undefined }
    }
    if (value === null) {
      if (o.allowNull) return { done: null }
      this.fail(name, NOT_NULL)
      return { done: undefined }
    }
    return { value }
  }

  char(name: string, o: FieldOpts = {}): string | null | undefined {
    const p = this.present(name, o)
    if ('done' in p) return p.done
    const raw = p.value
    if (typeof raw !== 'string' && typeof raw !== 'number')
      return this.fail(name, 'Not a valid string.')
    const value = String(raw).trim()
    if (value === '' && !o.allowBlank) return this.fail(name, 'This field may not be blank.')
    if (o.maxLength !== undefined && value.length > o.maxLength)
      return this.fail(name, `Ensure this field has no more than ${o.maxLength} characters.`)
    return value
  }

  email(name: string, o: FieldOpts = {}): string | null | undefined {
    const value = this.char(name, { maxLength: 254, ...o })
    if (!value) return value
    return isValidEmail(value) ? value : this.fail(name, 'Enter a valid email address.')
  }

  /**
   * IntegerField: `int()` of the text after DRF strips a trailing `.0`; then the model field's
   * range (`max`, then `min`, as DRF adds those validators). Bounds may be bigint (BigIntegerField).
   */
  integer(
    name: string,
    o: FieldOpts & { min?: number | bigint; max?: number | bigint } = {},
  ): number | null | undefined {
    const p = this.present(name, o)
    if ('done' in p) return p.done
    const raw = p.value
    if (typeof raw === 'string' && raw.length > 1000)
      return this.fail(name, 'String value too large.')
    const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : ''
    const cleaned = text.replace(/\.0*\s*$/, '').trim()
    if (!/^[-+]?\d+(?:_\d+)*$/.test(cleaned)) return this.fail(name, 'A valid integer is required.')
    const exact = BigInt(cleaned.replace(/_/g, ''))
    if (o.max !== undefined && exact > BigInt(o.max))
      return this.fail(name, `Ensure this value is less than or equal to ${o.max}.`)
    if (o.min !== undefined && exact < BigInt(o.min))
      return this.fail(name, `Ensure this value is greater than or equal to ${o.min}.`)
    return Number(exact)
  }

  /** ChoiceField: the choice whose key is Python's str() of the value (`"13" is not a valid choice.`). */
  choiceOf<T>(name: string, choices: ReadonlyMap<string, T>, o: FieldOpts = {}): T | undefined {
    const p = this.present(name, o)
    if ('done' in p) return undefined
    const key = pyStr(p.value)
    if (choices.has(key)) return choices.get(key)
    return this.fail(name, `"${key}" is not a valid choice.`)
  }

  /**
   * DateField with ISO 8601 input (Django 3.2's parse_date: `\d{4}-\d{1,2}-\d{1,2}` then a real
   * date); the cleaned value is `YYYY-MM-DD`.
   */
  date(name: string, o: FieldOpts = {}): string | null | undefined {
    const p = this.present(name, o)
    if ('done' in p) return p.done
    const m = typeof p.value === 'string' ? /^(\d{4})-(\d{1,2})-(\d{1,2})\n?$/.exec(p.value) : null
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
      if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month))
        return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    }
    return this.fail(name, 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.')
  }

  choice<T extends string>(name: string, choices: readonly T[], o: FieldOpts = {}): T | undefined {
    const p = this.present(name, o)
    if ('done' in p) return undefined
    if (choices.includes(p.value as T)) return p.value as T
    return this.fail(name, `"${pyStr(p.value)}" is not a valid choice.`)
  }

  boolean(name: string, o: FieldOpts = {}): boolean | undefined {
    const p = this.present(name, o)
    if ('done' in p) return undefined
    if (TRUE.has(p.value)) return true
    if (FALSE.has(p.value)) return false
    return this.fail(name, 'Must be a valid boolean.')
  }

  /** PrimaryKeyRelatedField over a queryset: `exists(id)` says whether the row is in it. */
  pk(name: string, exists: (id: number) => boolean, o: FieldOpts = {}): number | null | undefined {
    const p = this.present(name, o)
    if ('done' in p) return p.done
    const raw = p.value
    // RelatedField.run_validation turns '' into None before the null check.
    if (raw === '') return o.allowNull ? null : this.fail(name, NOT_NULL)
    // The lookup's int(): a float is truncated (1.5 finds row 1), a string must be an integer.
    const id =
      typeof raw === 'number'
        ? Math.trunc(raw)
        : typeof raw === 'string' && /^\s*[-+]?\d+(?:_\d+)*\s*$/.test(raw)
          ? Number(raw.replace(/_/g, ''))
          : NaN
    if (typeof raw === 'boolean' || !Number.isInteger(id))
      return this.fail(name, `Incorrect type. Expected pk value, received ${pyTypeName(raw)}.`)
    if (!exists(id)) return this.fail(name, `Invalid pk "${pyStr(raw)}" - object does not exist.`)
    return id
  }
}
