// The rule documentation panel: title, severity and fix tags, then the rule's sections as Markdown
// rendered with raw HTML disabled (docs can quote code with `<` in it).
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider, vsCodeTag } from '@vscode/webview-ui-toolkit';
import MarkdownIt from 'markdown-it';
import { OpenLinkCommand, ReadyCommand, RuleDocsStateNotification, type RuleDocsState } from '../protocol';
import { el, initialState, vscodeApi } from '../common/vscodeApi';
import '../common/base.css';
import './ruleDocs.css';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider(), vsCodeTag());

const markdown = new MarkdownIt({ html: false, linkify: false });
const api = vscodeApi<RuleDocsState>();

function fixLabel(docs: RuleDocsState): string {
  if (docs.fix === 'none') return 'no automatic fix';
  const since = docs.minSparkVersionForFix ? `, Spark >= ${docs.minSparkVersionForFix}` : '';
  return `${docs.fix} fix${since}`;
}

function render(docs: RuleDocsState): void {
  const app = document.getElementById('app');
  if (!app) return;
  const open = el('vscode-button', { appearance: 'secondary' }, 'Open on the web');
  open.addEventListener('click', () => api.postMessage(OpenLinkCommand.create({ url: docs.url })));
  const sections = docs.sections.map((section) => {
    const body = el('div', { class: 'section-body' });
    body.innerHTML = markdown.render(section.markdown); // markdown-it escapes everything (html: false)
    return el('section', { 'aria-label': section.title }, el('h2', {}, section.title), body);
  });
  app.replaceChildren(
    el('h1', {}, el('span', { class: 'code' }, docs.code), ' ', el('span', { class: 'name' }, docs.name)),
    el('div', { class: 'toolbar' }, el('vscode-tag', {}, docs.severity), el('vscode-tag', {}, fixLabel(docs)), open),
    el('vscode-divider', { role: 'separator' }),
    ...sections,
  );
  document.title = `${docs.code}: ${docs.name}`;
  api.setState(docs);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (RuleDocsStateNotification.is(event.data)) render(event.data.params);
});

render(api.getState() ?? initialState<RuleDocsState>());
api.postMessage(ReadyCommand.create({}));
