/** Submitting a form as a person does: Enter in one of its fields submits the form it is in. */
import { DOMWrapper, type VueWrapper } from '@vue/test-utils'

export async function submitForm(
  wrapper: VueWrapper | DOMWrapper<Element>,
  fieldSelector: string,
): Promise<void> {
  const field = wrapper.find(fieldSelector).element as HTMLInputElement | undefined
  const form = field?.form ?? field?.closest?.('form')
  if (!form) throw new Error(`submitForm: no form around ${fieldSelector}.`)
  // A submit event on the form itself: on a field it reaches the form in happy-dom only.
  await new DOMWrapper(form).trigger('submit')
}
