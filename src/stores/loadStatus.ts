/** Where a load stands, as stores, pages and AsyncStatus share it. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'
