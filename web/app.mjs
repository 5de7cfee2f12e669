// The "Connect CircleCI" page. Every decision comes from the core through the JS facade;
// this file only renders what it returns.
import { checkToken, init } from '/pkg/index.mjs';

const field = document.getElementById('token');
const toggle = document.getElementById('toggle-visibility');
const feedback = document.getElementById('token-feedback');
const summary = document.getElementById('token-summary');
const message = document.getElementById('token-message');
const remedy = document.getElementById('token-remedy');

const verdictLabel = { ok: 'Looks right', warn: 'Check this', block: 'Cannot be used' };

function render() {
  const check = checkToken(field.value);
  feedback.dataset.verdict = check.kind === 'empty' ? 'empty' : check.verdict;
  feedback.dataset.code = check.code;
  summary.textContent = check.kind === 'empty' ? '' : `${verdictLabel[check.verdict]}: ${check.masked}`;
  message.textContent = check.message;
  remedy.textContent = check.kind === 'empty' ? '' : check.remedy;
  field.setAttribute('aria-invalid', String(check.verdict === 'block' && check.kind !== 'empty'));
}

toggle.addEventListener('click', () => {
  const show = field.type === 'password';
  field.type = show ? 'text' : 'password';
  toggle.textContent = show ? 'Hide' : 'Show';
  toggle.setAttribute('aria-pressed', String(show));
});

try {
  await init();
  field.addEventListener('input', render);
  render();
  document.body.dataset.ready = 'true';
} catch (error) {
  const alert = document.getElementById('load-error');
  alert.textContent = `This page could not start: ${error.message}`;
  alert.hidden = false;
}
