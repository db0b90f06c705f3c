/**
 * The `photo` ImageField: multipart uploads checked like Pillow would (by their magic bytes),
 * stored below MEDIA_ROOT (here: base64 in the db), served back by the `/media/` route.
 */
import { db } from '../db'
import { empty, pageNotFound } from '../drf'
import type { Fields } from '../fields'
import { open, type Route } from '../router'

export interface Upload {
  name: string
  contentType: string
  base64: string
}

const NOT_IMAGE =
  'Upload a valid image. The file you uploaded was either not an image or a corrupted image.'

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  [
    'image/png',
    (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x),
  ],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => /^GIF8[79]a$/.test(ascii(b, 0, 6))],
  ['image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
]

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to))
}

export function sniffImage(bytes: Uint8Array): string | null {
  return SIGNATURES.find(([, test]) => test(bytes))?.[0] ?? null
}

function toBase64(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}

/**
 * Validates `photo` in a parsed body: undefined (absent), null (clear it: JSON null or an empty
 * multipart value; `form` says the body was multipart/form-encoded) or an image upload. Records
 * DRF's messages on `fields`.
 */
export async function readPhoto(fields: Fields, form: boolean): Promise<Upload | null | undefined> {
  if (!('photo' in fields.data)) return undefined
  const value = fields.data.photo
  // An empty form value means "no file" (null); an empty JSON string is not a file at all.
  if (value === null || (value === '' && form)) return null
  if (!(value instanceof Blob))
    return fields.fail(
      'photo',
      'The submitted data was not a file. Check the encoding type on the form.',
    )
  const name = value instanceof File ? value.name : ''
  if (!name) return fields.fail('photo', 'No filename could be determined.')
  const bytes = new Uint8Array(await value.arrayBuffer())
  if (bytes.length === 0) return fields.fail('photo', 'The submitted file is empty.')
  const contentType = sniffImage(bytes)
  if (!contentType) return fields.fail('photo', NOT_IMAGE)
  return { name, contentType, base64: toBase64(bytes) }
}

/** Django's storage: a valid file name under users/photos/, with a random suffix on collision. */
export function storeUpload(upload: Upload): string {
  const clean =
    upload.name
      .trim()
      .replace(/\s+/g, '_')
      .replace(/[^-\w.]/g, '') || 'photo'
  const dot = clean.lastIndexOf('.')
  const [stem, ext] = dot > 0 ? [clean.slice(0, dot), clean.slice(dot)] : [clean, '']
  let path = `users/photos/${stem}${ext}`
  while (db.media[path]) {
    const suffix = Array.from(crypto.getRandomValues(new Uint8Array(7)), (b) =>
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.charAt(b % 62),
    ).join('')
    path = `users/photos/${stem}_${suffix}${ext}`
  }
  db.media[path] = { contentType: upload.contentType, base64: upload.base64 }
  return path // the caller commits, with the row that points at it
}

const serveMedia = open((ctx) => {
  const file = db.media[decodeURIComponent(ctx.params.path ?? '')]
  if (!file) return pageNotFound()
  if (ctx.request.method.toUpperCase() === 'HEAD') return empty(200)
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
  return new Response(bytes, {
    status: 200,
    // django-cors-headers answers every path, static files included.
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Content-Type': file.contentType,
      'Content-Length': String(bytes.length),
    },
  })
})

/** `re_path(r"^media/(?P<path>.*)$", serve)`: outside DRF, so no authentication. */
export const mediaRoutes: Route[] = [
  {
    path: /^\/media\/(?<path>.*)$/,
    views: { GET: serveMedia },
    noAuthentication: true,
    unmapped: 'open',
  },
]
