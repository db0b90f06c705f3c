/** What the kit mounted in the current test, torn down by the setup file after each test. */
const teardowns: (() => void)[] = []

export function onTeardown(teardown: () => void): void {
  teardowns.push(teardown)
}

/** Unmounts every app the test rendered, stops their sessions, empties the page. */
export function teardownAll(): void {
  for (const teardown of teardowns.splice(0).reverse()) teardown()
  if (typeof document !== 'undefined') document.body.innerHTML = ''
}
