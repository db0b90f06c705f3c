/** Djoser's set_password and set_email actions (contract §5): authenticated, 204 on success. */
import { mockConfig } from '../config'
import { commit, randomSalt } from '../db'
import { fieldErrors, noContent } from '../drf'
import { Fields } from '../fields'
import { apiPath, authed, type Route } from '../router'
import { emailTable } from '../scope'
import { passwordErrors } from './passwords'
import { currentPassword, EMAIL_TAKEN, retypeErrors } from './serializers'

/** Fields: new_password, [re_new_password], current_password; then the validators, then retype. */
const setPassword = authed(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  const password = f.char('new_password', { required: true })
  if (mockConfig.passwordRetype) f.char('re_new_password', { required: true })
  currentPassword(f, ctx)
  if (!f.valid) return fieldErrors(f.errors)
  // validate_password against the saved user: its username (the sign-up email) counts too.
  const problems = await passwordErrors(password as string, ctx.user)
  if (problems.length) return fieldErrors({ new_password: problems })
  const mismatch = retypeErrors(body, 'new_password', password as string)
  if (mismatch) return fieldErrors(mismatch)
  ctx.user.password = password as string
  ctx.user.password_salt = randomSalt()
  commit()
  return noContent()
})

/** set_{USERNAME_FIELD}: current_password, new_email, [re_new_email]. No re-verification. */
const setEmail = authed(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  currentPassword(f, ctx)
  const email = f.email('new_email', { required: true })
  if (email && emailTable(ctx).some((u) => u.email === email)) f.fail('new_email', EMAIL_TAKEN)
  if (mockConfig.passwordRetype) f.char('re_new_email', { required: true })
  if (!f.valid) return fieldErrors(f.errors)
  const mismatch = retypeErrors(body, 'new_email', email as string)
  if (mismatch) return fieldErrors(mismatch)
  ctx.user.email = email as string // the `username` (and the token's claim) stays as it was
  commit()
  return noContent()
})

export const accountRoutes: Route[] = [
  { path: apiPath('auth/users/set_password/'), views: { POST: setPassword } },
  { path: apiPath('auth/users/set_email/'), views: { POST: setEmail } },
]
