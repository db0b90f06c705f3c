/**
 * A Vitest reporter that prints, per project, the wall time from its first test file's start to
 * its last one's end, and the files' summed durations: `--reporter=./scripts/project-times.mjs`.
 * The README's happy-dom / Chromium figures come from it (both projects in one run).
 */
export default class ProjectTimes {
  spans = new Map()

  onTestModuleStart(module) {
    const name = module.project.name
    const span = this.spans.get(name) ?? { start: Infinity, end: 0, files: 0, summed: 0 }
    span.start = Math.min(span.start, Date.now())
    this.spans.set(name, span)
  }

  onTestModuleEnd(module) {
    const span = this.spans.get(module.project.name)
    span.end = Math.max(span.end, Date.now())
    span.files += 1
    span.summed += module.diagnostic().duration
  }

  onTestRunEnd() {
    const rows = [...this.spans].map(
      ([name, s]) =>
        `${name}: ${s.files} files, wall ${((s.end - s.start) / 1000).toFixed(1)} s, ` +
        `summed ${(s.summed / 1000).toFixed(1)} s`,
    )
    console.log(`\nproject times\n${rows.join('\n')}`)
  }
}
