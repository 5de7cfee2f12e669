// A finding as a scrollable, keyboard-focusable log excerpt: the core's context lines around
// the culprit line, which is marked by a glyph, a label and a highlight (not colour alone).
// Every text is already redacted by the core.
import { h } from './dom.mjs';

/** finding: one of Analysis.findings. */
export function logView(finding, label) {
  const lines = [...finding.context, { line_no: finding.line_no, text: finding.text, culprit: true }]
    .sort((a, b) => a.line_no - b.line_no);
  const rows = lines.map((line) => h('span', { class: line.culprit ? 'log-line culprit' : 'log-line', 'data-line': line.line_no },
    h('span', { class: 'log-no', 'aria-hidden': 'true' }, String(line.line_no).padStart(5)),
    h('span', { class: 'log-mark', 'aria-hidden': 'true' }, line.culprit ? ' ▶ ' : '   '),
    line.culprit ? h('mark', {}, h('span', { class: 'visually-hidden' }, 'Culprit line: '), line.text) : line.text));
  return h('div', { class: 'log', tabindex: '0', role: 'region', 'aria-label': label },
    h('pre', {}, h('code', {}, rows)));
}
