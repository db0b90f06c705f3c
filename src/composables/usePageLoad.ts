/**
 * The load state a page shows through AsyncStatus (loading, then ready or error; again on retry),
 * started when the page mounts.
 */
import { computed, onMounted, ref } from 'vue'
import { useDepartmentsStore } from '@/stores/departments'
import { useExpensesStore } from '@/stores/expenses'
import type { LoadStatus } from '@/stores/loadStatus'

/** A page's own request(s): `task` throws to fail the load. */
export function usePageLoad(task: () => Promise<void>) {
  const status = ref<LoadStatus>('loading')
  const error = ref<unknown>(null)

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    try {
      await task()
      status.value = 'ready'
    } catch (e) {
      error.value = e
      status.value = 'error'
    }
  }
  onMounted(load)

  return { status, error, load }
}

/** Expenses by department: both stores, ready when both are, an error when either fails. */
export function useExpensesWithDepartments() {
  const expenses = useExpensesStore()
  const departments = useDepartmentsStore()

  const status = computed<LoadStatus>(() =>
    expenses.status === 'error' || departments.status === 'error'
      ? 'error'
      : expenses.status === 'ready' && departments.status === 'ready'
        ? 'ready'
        : 'loading',
  )
  const error = computed(() => expenses.error ?? departments.error)

  function load(): void {
    void expenses.load()
    void departments.load(true)
  }
  onMounted(load)

  return { expenses, departments, status, error, load }
}
