/**
 * Django's CommonPasswordValidator list: all of it (about 20,000 entries, lower case), generated
 * into commonPasswordList.ts by scripts/generate-common-passwords.mjs. It is fetched the first
 * time a password is validated (a chunk of its own), so no page pays for it before that.
 */
let list: Promise<ReadonlySet<string>> | null = null

export function commonPasswords(): Promise<ReadonlySet<string>> {
  list ??= import('./commonPasswordList').then(
    (m) => new Set(m.default.split('\n')),
    (e: unknown) => {
      list = null // a failed chunk load may succeed next time
      throw e
    },
  )
  return list
}

/** CommonPasswordValidator: `password.lower().strip()` is in the list. */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await commonPasswords()).has(password.toLowerCase().trim())
}
