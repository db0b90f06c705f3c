/**
 * What the loaded e2e runs share (scripts/tabs-loop.mjs, scripts/soak.mjs): their command-line
 * options, and a CPU hog of one busy process per core that lives as long as the script.
 */
import { spawn } from 'node:child_process'
import os from 'node:os'

/** `--name value` options, repeated `--project NAME`s (else `defaults`), and `--no-hog`. */
export function loadedRunOptions(args, defaults) {
  const option = (name, fallback) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : fallback
  }
  const projects = args.flatMap((a, i) => (args[i - 1] === '--project' ? [a] : []))
  return {
    option,
    projects: projects.length ? projects : defaults,
    hog: !args.includes('--no-hog'),
  }
}

/** One busy process per core (none when `on` is false), killed when this process exits. */
export function startCpuHog(on) {
  const hogs = on
    ? Array.from({ length: os.availableParallelism() }, () =>
        spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
      )
    : []
  const stop = () => hogs.forEach((h) => h.kill('SIGKILL'))
  process.on('exit', stop)
  process.on('SIGINT', () => process.exit(130))
  return {
    stop,
    describe: () => (hogs.length ? `${hogs.length} busy processes (one per core)` : 'no CPU hog'),
  }
}
