/**
 * toApiError as the forms and views call it, on what a plain axios client (no auth interceptors)
 * rejects with: the server's answer, no answer at all, or an error that is already typed.
 */
import axios, { AxiosError } from 'axios'
import { http as mock, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { SessionExpiredError } from '@/core/auth/errors'
import {
  type ApiError,
  isApiError,
  isNetworkError,
  type NetworkError,
  toApiError,
} from '@/core/http/errors'
import { server } from '@/mocks/node'
import { ACME } from '../helpers'

const plain = () => axios.create({ baseURL: ACME })
const rejection = async () =>
  (await plain()
    .get('/things/')
    .catch((e: unknown) => e)) as unknown

describe('toApiError', () => {
  it('no answer: a NetworkError with axios’s message, the axios error as its cause', async () => {
    server.use(mock.get('*/api/v1/things/', () => HttpResponse.error()))
    const raw = await rejection()
    const error = toApiError(raw)
    expect(isNetworkError(error)).toBe(true)
    const network = error as NetworkError
    expect(network.message).toBe((raw as AxiosError).message)
    expect(network.cause).toBe(raw)
    expect(String(network)).toBe(`NetworkError: ${network.message}`)
  })

  it('no answer and no message: "Network error"', () => {
    const error = toApiError(new AxiosError(''))
    expect(isNetworkError(error) && error.message).toBe('Network error')
  })

  it('an answer: an ApiError with the status and the body, the axios error as its cause', async () => {
    server.use(
      mock.get('*/api/v1/things/', () => HttpResponse.json({ detail: 'No.' }, { status: 403 })),
    )
    const raw = await rejection()
    const error = toApiError(raw) as ApiError
    expect(isApiError(error) && [error.status, error.message, error.body]).toEqual([
      403,
      'No.',
      { detail: 'No.' },
    ])
    expect(error.cause).toBe(raw)
  })

  it('a JSON null body: a message from the status, no code, no field errors', async () => {
    server.use(
      mock.get(
        '*/api/v1/things/',
        () =>
          new HttpResponse('null', {
            status: 502,
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    )
    const error = toApiError(await rejection()) as ApiError
    expect([error.status, error.message, error.code, error.fieldErrors, error.body]).toEqual([
      502,
      'The server had a problem (502).',
      null,
      {},
      null,
    ])
  })

  it('a field whose list mixes messages with anything else gives no field messages', async () => {
    server.use(
      mock.get('*/api/v1/things/', () =>
        HttpResponse.json(
          { amount: ['Too big.', { min: 1 }], date: ['Required.'] },
          { status: 400 },
        ),
      ),
    )
    const error = toApiError(await rejection()) as ApiError
    expect(error.fieldErrors).toEqual({ date: ['Required.'] })
    expect(error.message).toBe('Required.')
  })

  it('an error that is already typed, or not an axios error at all, is given back as it is', async () => {
    const expired = new SessionExpiredError('Signed out.')
    expect(toApiError(expired)).toBe(expired)
    server.use(mock.get('*/api/v1/things/', () => HttpResponse.error()))
    const typed = toApiError(await rejection())
    expect(toApiError(typed)).toBe(typed)
    expect(toApiError('boom')).toBe('boom')
  })
})
