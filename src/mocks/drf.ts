/** How Django + DRF shape their answers: JSON bodies, empty 204s, HTML error pages, 301 redirects. */
import { HttpResponse } from 'msw'
import { mockConfig, schemaTenancy } from './config'
import { pythonJsonError } from './pyjson'

const CORS = { 'Access-Control-Allow-Origin': '*' }

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(body as never, { status, headers: { ...CORS, ...headers } })
}

/** A response without a body and without Content-Type (DRF drops it when nothing is rendered). */
export function empty(status: number): Response {
  return new HttpResponse(null, { status, headers: CORS })
}

export const noContent = (): Response => empty(204)

export function html(status: number, text: string, type = 'text/html; charset=utf-8'): Response {
  return new HttpResponse(text, {
    status,
    headers: { ...CORS, 'Content-Type': type },
  })
}

/**
 * Django's stock error page with DEBUG=False (django.views.defaults): `text/html` without a
 * charset, as observed on the original.
 */
function stockPage(status: number, title: string, body: string): Response {
  return html(
    status,
    `<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n` +
      `  <h1>${title}</h1><p>${body}</p>\n</body>\n</html>\n`,
    'text/html',
  )
}

const NOT_FOUND_TEXT = 'The requested resource was not found on this server.'

/** Django's pages with DEBUG=False (the hardened mock keeps its short forms). */
export const serverError = (): Response =>
  schemaTenancy()
    ? stockPage(500, 'Server Error (500)', '')
    : html(500, '<h1>Server Error (500)</h1>')
export const badHost = (): Response =>
  schemaTenancy()
    ? stockPage(400, 'Bad Request (400)', '')
    : html(400, '<h1>Bad Request (400)</h1>')
export const pageNotFound = (): Response =>
  schemaTenancy()
    ? stockPage(404, 'Not Found', NOT_FOUND_TEXT)
    : html(
        404,
        '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
          `  <h1>Not Found</h1><p>${NOT_FOUND_TEXT}</p>\n</body>\n</html>\n`,
      )

/** CommonMiddleware's APPEND_SLASH answer: an empty 301 to the same path with a slash. */
export function redirectWithSlash(url: URL): Response {
  return new HttpResponse('', {
    status: 301,
    headers: {
      ...CORS,
      Location: `${url.pathname}/${url.search}`,
      'Content-Type': 'text/html; charset=utf-8',
    },
  })
}

/** django-cors-headers answers a preflight itself, before any other middleware. */
export function preflight(): Response {
  return new HttpResponse(null, {
    status: 200,
    headers: {
      ...CORS,
      'Access-Control-Allow-Headers':
        'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with',
      'Access-Control-Allow-Methods': 'DELETE, GET, OPTIONS, PATCH, POST, PUT',
      'Access-Control-Max-Age': '86400',
      'Content-Length': '0',
    },
  })
}

export function detail(
  status: number,
  text: string,
  code?: string,
  extra: Record<string, unknown> = {},
): Response {
  const body: Record<string, unknown> = { detail: text }
  if (code) body.code = code
  // DRF's challenge: the first authentication class's header, simplejwt's first AUTH_HEADER_TYPES.
  const headers: Record<string, string> =
    status === 401
      ? { 'WWW-Authenticate': `${mockConfig.authHeaderTypes[0] ?? 'Bearer'} realm="api"` }
      : {}
  return json(status, { ...body, ...extra }, headers)
}

export function methodNotAllowed(method: string): Response {
  return detail(405, `Method "${method}" not allowed.`)
}

export const notFound = (): Response => detail(404, 'Not found.')
export const forbidden = (): Response =>
  detail(403, 'You do not have permission to perform this action.')

export type FieldErrors = Record<string, string[]>

export function fieldErrors(errors: FieldErrors): Response {
  return json(400, errors)
}

export const REQUIRED = 'This field is required.'

export type Body = Record<string, unknown>

/** Marks a body parsed from a form: DRF reads an empty form value differently (see Fields). */
export const FORM_BODY = Symbol('form body')

/** Parses a JSON, form-encoded or multipart body the way DRF's parsers would. */
export async function readBody(request: Request): Promise<Body | Response> {
  const type = request.headers.get('content-type') ?? ''
  if (type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded')) {
    const form = await request.formData()
    const out: Body = {}
    form.forEach((value, k) => {
      out[k] = value
    })
    Object.defineProperty(out, FORM_BODY, { value: true })
    return out
  }
  const text = await request.text()
  if (!text) return {}
  // DRF's parsers: JSON, form, multipart. Any other declared type with a body is a 415 (a body
  // without any Content-Type is still read as JSON here).
  if (type && !/^application\/json\b/i.test(type.trim()))
    return detail(415, `Unsupported media type "${type}" in request.`)
  const problem = pythonJsonError(text)
  if (problem) return detail(400, `JSON parse error - ${problem}`)
  const parsed: unknown = JSON.parse(text)
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Body
  // Serializer.run_validation: None is "No data provided"; other non-dicts name their type.
  if (parsed === null) return json(400, { non_field_errors: ['No data provided'] })
  const got = Array.isArray(parsed) ? 'list' : pyTypeName(parsed)
  return json(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] })
}

export function pyTypeName(value: unknown): string {
  if (value === null) return 'NoneType'
  if (typeof value === 'string') return 'str'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (Array.isArray(value)) return 'list'
  return 'dict'
}
