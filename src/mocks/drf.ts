/** How Django + DRF shape their answers: JSON bodies, empty 204s, HTML error pages, 301 redirects. */
import { HttpResponse } from 'msw'

const CORS = { 'Access-Control-Allow-Origin': '*' }

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(body as never, { status, headers: { ...CORS, ...headers } })
}

export function noContent(): Response {
  return new HttpResponse(null, { status: 204, headers: CORS })
}

export function html(status: number, text: string): Response {
  return new HttpResponse(text, {
    status,
    headers: { ...CORS, 'Content-Type': 'text/html; charset=utf-8' },
  })
}

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

export function detail(
  status: number,
  text: string,
  code?: string,
  extra: Record<string, unknown> = {},
): Response {
  const body: Record<string, unknown> = { detail: text }
  if (code) body.code = code
  const headers: Record<string, string> =
    status === 401 ? { 'WWW-Authenticate': 'Bearer realm="api"' } : {}
  return json(status, { ...body, ...extra }, headers)
}

export function methodNotAllowed(method: string): Response {
  return detail(405, `Method "${method}" not allowed.`)
}

export const notFound = (): Response => detail(404, 'Not found.')

export type FieldErrors = Record<string, string[]>

export function fieldErrors(errors: FieldErrors): Response {
  return json(400, errors)
}

export const REQUIRED = 'This field is required.'

/** Parses a JSON, form-encoded or multipart body the way DRF's parsers would. */
export async function readBody(request: Request): Promise<Record<string, unknown> | Response> {
  const type = request.headers.get('content-type') ?? ''
  if (type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded')) {
    const form = await request.formData()
    const out: Record<string, unknown> = {}
    form.forEach((value, k) => {
      out[k] = value
    })
    return out
  }
  const text = await request.text()
  if (!text.trim()) return {}
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {}
  } catch {
    return detail(400, 'JSON parse error - Expecting value: line 1 column 1 (char 0)')
  }
}
