/**
 * Djoser's mail flows (contract §5): password reset, email reset, activation. Sent mail lands
 * in `db.outbox` (read it with `lastMail(to)`); links point at the API request host.
 */
import { mockConfig } from '../config'
import { commit, db, djangoNow, randomSalt, type SentMail, type UserRow } from '../db'
import { detail, empty, fieldErrors, noContent, type Body } from '../drf'
import { Fields } from '../fields'
import { apiPath, open, type Ctx, type Route } from '../router'
import { emailTable, userById, usersOf } from '../scope'
import { passwordErrors } from './passwords'
import { EMAIL_TAKEN, retypeErrors } from './serializers'
import { checkToken, decodeUid, encodeUid, makeToken } from './tokens'

const INVALID_UID = { uid: ["Invalid user id or user doesn't exist."] }
const INVALID_TOKEN = { token: ['Invalid token for given user.'] }

const LINKS = {
  password_reset: ['auth/password/reset/{uid}/{token}', 'Password reset'],
  username_reset: ['auth/email/reset/{uid}/{token}', 'Username reset'],
} as const

async function send(ctx: Ctx, user: UserRow, kind: SentMail['kind']): Promise<void> {
  const uid = encodeUid(user.id)
  const token = await makeToken(user)
  const [pattern, subject] = LINKS[kind]
  const link = `${ctx.scheme}://${ctx.host}/${pattern.replace('{uid}', uid).replace('{token}', token)}`
  const site = ctx.host
  db.outbox.push({
    to: user.email,
    kind,
    subject: `${subject} on ${site}`,
    body: `You're receiving this email because you requested a ${subject.toLowerCase()} for your user account at ${site}.\n\nPlease go to the following page:\n${link}\n`,
    link,
    uid,
    token,
    sentAt: djangoNow(),
  })
  commit()
}

/**
 * SendEmailResetSerializer: `email` field, then an active user with exactly that email (Djoser
 * 2.1's `get_user` filters `email=…`, not `email__iexact`, so another letter case finds nobody).
 */
function emailForm(ctx: Ctx, body: Body): { errors: Fields } | { user: UserRow | null } {
  const f = new Fields(body)
  const email = f.email('email', { required: true })
  if (!f.valid || !email) return { errors: f }
  const user = usersOf(ctx).find((u) => u.is_active && u.email === email)
  return { user: user ?? null }
}

function mailView(kind: SentMail['kind']) {
  return open(async (ctx) => {
    const body = await ctx.body()
    if (body instanceof Response) return body
    const form = emailForm(ctx, body)
    if ('errors' in form) return fieldErrors(form.errors.errors)
    if (form.user) await send(ctx, form.user, kind)
    return noContent() // also for unknown addresses: no user enumeration
  })
}

/** SEND_ACTIVATION_EMAIL is off: a valid form still gets Djoser's bare 400. */
const resendActivation = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const form = emailForm(ctx, body)
  if ('errors' in form) return fieldErrors(form.errors.errors)
  return empty(400)
})

/** TenantUidMixin + UidAndTokenSerializer's lookup: a user of this tenant, or null. */
function uidUser(ctx: Ctx, body: Body): UserRow | null {
  const id = decodeUid(body.uid ?? '')
  return userById(ctx, id) ?? null
}

/** uid, token, new_password: tenant uid, password validators, retype, then the token. */
const resetPasswordConfirm = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  f.char('uid', { required: true })
  f.char('token', { required: true })
  const password = f.char('new_password', { required: true })
  if (mockConfig.passwordRetype) f.char('re_new_password', { required: true })
  if (!f.valid) return fieldErrors(f.errors)
  const user = uidUser(ctx, body)
  if (!user) return fieldErrors(INVALID_UID)
  // validate_password(new, request.user): an anonymous caller has no attributes to compare.
  const problems = await passwordErrors(password as string, ctx.user)
  if (problems.length) return fieldErrors({ new_password: problems })
  const mismatch = retypeErrors(body, 'new_password', password as string)
  if (mismatch) return fieldErrors(mismatch)
  if (!(await checkToken(user, body.token))) return fieldErrors(INVALID_TOKEN)
  user.password = password as string
  user.password_salt = randomSalt() // a new hash: the token just used is dead
  commit()
  return noContent()
})

const resetEmailConfirm = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  const email = f.email('new_email', { required: true })
  if (email && emailTable(ctx).some((u) => u.email === email)) f.fail('new_email', EMAIL_TAKEN)
  if (mockConfig.passwordRetype) f.char('re_new_email', { required: true })
  if (!f.valid) return fieldErrors(f.errors)
  const user = uidUser(ctx, body)
  if (!user) return fieldErrors(INVALID_UID)
  if (!(await checkToken(user, body.token))) return fieldErrors(INVALID_TOKEN)
  const mismatch = retypeErrors(body, 'new_email', email as string)
  if (mismatch) return fieldErrors(mismatch)
  user.email = email as string
  commit()
  return noContent()
})

const activation = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  f.char('uid', { required: true })
  f.char('token', { required: true })
  if (!f.valid) return fieldErrors(f.errors)
  const user = uidUser(ctx, body)
  if (!user) return fieldErrors(INVALID_UID)
  if (!(await checkToken(user, body.token))) return fieldErrors(INVALID_TOKEN)
  if (user.is_active) return detail(403, 'Stale token for given user.')
  user.is_active = true
  commit()
  return noContent()
})

const action = (name: string, view: ReturnType<typeof open>): Route => ({
  path: apiPath(`auth/users/${name}/`),
  views: { POST: view },
})

export const mailRoutes: Route[] = [
  action('reset_password', mailView('password_reset')),
  action('reset_password_confirm', resetPasswordConfirm),
  action('reset_email', mailView('username_reset')),
  action('reset_email_confirm', resetEmailConfirm),
  action('activation', activation),
  action('resend_activation', resendActivation),
]
