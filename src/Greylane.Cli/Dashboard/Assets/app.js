// Greylane dashboard: plain JavaScript, no build step. Everything is drawn with textContent and SVG attributes, so no
// server text is ever parsed as HTML, and the strict Content-Security-Policy (no inline script or style) holds.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const AT_REST = new Set(['Idle', 'Completed', 'RolledBack']);
const EXPLAIN = {
  'promote': 'The release moves to its next step now, skipping the current wait (analysis included).',
  'promote-full': 'The release skips every remaining step and goes straight to promotion: the Deployment rolls out the new version to all pods.',
  'pause': 'The release holds where it is: nothing advances and no deadline runs until you resume.',
  'resume': 'The release continues after a pause, or after a hold for inconclusive analysis.',
  'abort': 'The release is rolled back: routing returns to stable and the canary is removed. The Deployment stays paused on its new template.',
  'retry': 'The rolled-back release starts again from step 1.',
};

const state = { rows: new Map(), current: null, detail: null, refreshTimer: null };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const key = (ns, name) => `${ns}/${name}`;
const counts = (c) => (c ? `${c.ready}/${c.desired}` : '');
const time = (t) => (t ? new Date(t).toISOString().replace('.000Z', 'Z') : '');

function phaseText(r) {
  return r.phase + (r.pausedByUser ? ' (paused by user)' : '') + (r.held ? ' (held)' : '') + (r.pendingCommand ? ` (command ${r.pendingCommand} pending)` : '');
}

function showProblem(text) {
  const box = $('problem');
  box.textContent = text || '';
  box.hidden = !text;
}

// ---- overview ----

function renderOverview() {
  const nsFilter = $('filter-namespace').value;
  const phaseFilter = $('filter-phase').value;
  const rows = [...state.rows.values()].sort((a, b) => key(a.namespace, a.deployment).localeCompare(key(b.namespace, b.deployment)));
  fillSelect($('filter-namespace'), rows.map((r) => r.namespace));
  fillSelect($('filter-phase'), rows.map((r) => r.phase));
  const body = $('releases').tBodies[0];
  body.replaceChildren(...rows
    .filter((r) => (!nsFilter || r.namespace === nsFilter) && (!phaseFilter || r.phase === phaseFilter))
    .map((r) => el('tr', { 'data-release': key(r.namespace, r.deployment) },
      el('td', {}, r.namespace),
      el('td', {}, el('a', { href: `#/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.deployment)}` }, r.deployment)),
      el('td', { class: `phase phase-${r.phase}` }, phaseText(r)),
      el('td', {}, `${r.step}/${r.steps}`),
      el('td', {}, counts(r.replicas.canary)),
      el('td', {}, counts(r.replicas.stable)),
      el('td', {}, r.message || ''))));
  $('empty').hidden = rows.length > 0;
}

function fillSelect(select, values) {
  const chosen = select.value;
  const wanted = ['', ...[...new Set(values)].sort()];
  const have = [...select.options].map((o) => o.value);
  if (wanted.join('\n') === have.join('\n')) return;
  select.replaceChildren(...wanted.map((v) => el('option', { value: v }, v || 'all')));
  select.value = wanted.includes(chosen) ? chosen : '';
}

// ---- one release ----

async function loadDetail() {
  if (!state.current) return;
  const [ns, name] = state.current;
  const answer = await fetch(`/api/releases/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`, { credentials: 'same-origin' });
  const body = await answer.json().catch(() => ({ error: `${answer.status} ${answer.statusText}` }));
  if (!answer.ok) {
    showProblem(`${answer.status}: ${body.error}`);
    return;
  }
  showProblem('');
  state.detail = body;
  renderDetail(body);
}

function refreshDetailSoon() {
  if (!state.current) return;
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(loadDetail, 250);
}

function renderDetail(d) {
  const r = d.release;
  $('release-title').textContent = `${r.namespace}/${r.deployment}`;
  const phase = $('release-phase');
  phase.textContent = phaseText(r);
  phase.className = `phase phase-${r.phase}`;
  $('release-step').textContent = `${r.step}/${r.steps}`;
  $('release-canary').textContent = `${counts(r.replicas.canary)} ready`;
  $('release-stable').textContent = `${counts(r.replicas.stable)} ready`;
  $('release-hash').textContent = r.release ? `${r.release}${r.stable ? ` (replacing ${r.stable})` : ''}` : 'none yet';
  $('release-message').textContent = r.message || '';
  for (const button of document.querySelectorAll('[data-command]')) {
    const command = button.dataset.command;
    const applies = command === 'retry' ? r.phase === 'RolledBack' : !AT_REST.has(r.phase);
    button.disabled = !applies;
    button.title = applies ? EXPLAIN[command] : (command === 'retry' ? 'only a rolled-back release can be retried' : `no release in progress (phase ${r.phase})`);
  }
  renderSteps(d.steps);
  renderCharts(d.metrics, d.measurements);
  renderRouting(d.routing);
  $('history').tBodies[0].replaceChildren(...r.history.map((h) =>
    el('tr', {}, el('td', {}, h.time), el('td', {}, h.from), el('td', {}, h.to), el('td', {}, h.trigger))));
  $('events').tBodies[0].replaceChildren(...(d.events.length ? d.events.map((e) =>
    el('tr', { class: e.type === 'Warning' ? 'phase-RolledBack' : '' }, el('td', {}, e.time), el('td', {}, e.type || ''), el('td', {}, e.reason || ''),
      el('td', {}, (e.message || '') + (e.count > 1 ? ` (×${e.count})` : ''))))
    : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No Events (Kubernetes keeps them for about an hour).'))]));
}

function renderSteps(steps) {
  const label = { done: 'done', current: 'current', todo: 'to come', 'rolled-back': 'rolled back here' };
  $('steps').replaceChildren(...steps.map((s) => {
    const routing = [];
    if (s.matches.length) routing.push(`matches ${s.matches.join(' | ')}`);
    if (s.weight !== null && s.weight !== undefined) routing.push(`weight ${s.weight}%`);
    return el('li', { class: s.state, 'aria-current': s.state === 'current' ? 'step' : null },
      el('div', { class: 'state' }, `Step ${s.number}: ${label[s.state]}`),
      el('div', {}, `canary ${s.replicas} (${s.pods} pod${s.pods === 1 ? '' : 's'})`),
      el('div', {}, `routing: ${routing.length ? routing.join('; ') : 'unchanged'}`),
      el('div', {}, `pause: ${s.pause || 'none'}`),
      el('div', {}, `analysis: ${s.analysis.length ? s.analysis.join(', ') : 'none'}`));
  }));
}

// ---- charts ----

function renderCharts(metrics, measurements) {
  const byMetric = new Map(metrics.map((m) => [m.name, { spec: m, points: [] }]));
  for (const entry of measurements) {
    const m = entry.measurement || {};
    if (!byMetric.has(m.metric)) byMetric.set(m.metric, { spec: { name: m.metric }, points: [] });
    byMetric.get(m.metric).points.push({ ...m, step: entry.step, at: new Date(m.time).getTime() });
  }
  const charts = [...byMetric.values()].map(({ spec, points }) => chartFigure(spec, points));
  $('charts').replaceChildren(...(charts.length ? charts : [el('p', { class: 'muted' }, 'This release has no analysis metrics.')]));
}

function stableOf(p) {
  const v = p.stableValue ?? p.stable;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function chartFigure(spec, points) {
  const id = `chart-${spec.name.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const bounds = [spec.min != null ? `min ${spec.min}` : null, spec.max != null ? `max ${spec.max}` : null].filter(Boolean).join(', ') || 'no bounds';
  const failed = points.filter((p) => p.verdict === 'Fail').length;
  const inconclusive = points.filter((p) => p.verdict === 'Inconclusive').length;
  const summary = `${points.length} measurement${points.length === 1 ? '' : 's'}: ${points.length - failed - inconclusive} passed, ${failed} failed, ${inconclusive} inconclusive; ${bounds}`;
  const figure = el('figure', { class: 'chart', id, 'data-metric': spec.name });
  figure.append(el('h4', {}, spec.name), el('p', { class: 'legend' }, summary));
  if (points.length === 0) {
    figure.append(el('p', { class: 'muted' }, 'No measurement yet.'));
    return figure;
  }
  figure.append(plot(spec, points, `${spec.name}: ${summary}`));
  const table = el('table', { class: 'grid' },
    el('thead', {}, el('tr', {}, ...['Time', 'Step', 'Value', 'Stable', 'Verdict', 'Message'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...points.map((p) => el('tr', { class: `verdict-${p.verdict}` },
      el('td', {}, time(p.time)), el('td', {}, String(p.step + 1)), el('td', {}, p.value ?? 'no value'),
      el('td', {}, stableOf(p) ?? ''), el('td', {}, p.verdict), el('td', {}, p.message || '')))));
  figure.append(el('details', {}, el('summary', {}, 'Measurements as a table'), table));
  return figure;
}

function plot(spec, points, label) {
  const W = 720, H = 220, L = 60, R = 16, T = 12, B = 30;
  const values = points.flatMap((p) => [p.value, stableOf(p)]).filter((v) => typeof v === 'number');
  if (spec.min != null) values.push(spec.min);
  if (spec.max != null) values.push(spec.max);
  let lo = Math.min(...values), hi = Math.max(...values);
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (hi - lo < 1e-12) { const pad = Math.abs(hi) * 0.1 || 1; lo -= pad; hi += pad; }
  const padY = (hi - lo) * 0.08; lo -= padY; hi += padY;
  let t0 = Math.min(...points.map((p) => p.at)), t1 = Math.max(...points.map((p) => p.at));
  if (t1 - t0 < 1000) { t0 -= 30000; t1 += 30000; }
  const x = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const y = (v) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label });
  chart.append(svg('title', {}, label));
  chart.append(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }), svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    chart.append(svg('text', { class: 'tick', x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, Number(v.toPrecision(3))));
  }
  chart.append(svg('text', { class: 'tick', x: L, y: H - 10 }, time(points[0].time).slice(11, 19)));
  chart.append(svg('text', { class: 'tick', x: W - R, y: H - 10, 'text-anchor': 'end' }, time(points[points.length - 1].time).slice(11, 19)));
  // Where a new step's analysis began.
  points.forEach((p, i) => {
    if (i > 0 && p.step !== points[i - 1].step) {
      chart.append(svg('line', { class: 'axis', x1: x(p.at), y1: T, x2: x(p.at), y2: H - B, 'stroke-dasharray': '2 4' }),
        svg('text', { class: 'tick', x: x(p.at) + 3, y: T + 10 }, `step ${p.step + 1}`));
    }
  });
  for (const [bound, name] of [[spec.min, 'min'], [spec.max, 'max']]) {
    if (bound == null) continue;
    chart.append(svg('line', { class: 'threshold', x1: L, y1: y(bound), x2: W - R, y2: y(bound) }),
      svg('text', { class: 'threshold-label', x: W - R - 4, y: y(bound) - 4, 'text-anchor': 'end' }, `${name} ${bound}`));
  }
  const line = (pick, cls) => {
    const pts = points.filter((p) => typeof pick(p) === 'number').map((p) => `${x(p.at).toFixed(1)},${y(pick(p)).toFixed(1)}`);
    if (pts.length > 1) chart.append(svg('polyline', { class: cls, points: pts.join(' ') }));
  };
  line(stableOf, 'line stable');
  line((p) => p.value, 'line');
  for (const p of points) {
    const s = stableOf(p);
    if (s !== null) chart.append(svg('circle', { class: 'pt-stable', cx: x(p.at), cy: y(s), r: 3 }, svg('title', {}, `${time(p.time)} stable ${s}`)));
  }
  for (const p of points) {
    const title = svg('title', {}, `${time(p.time)} step ${p.step + 1}: ${p.value ?? 'no value'} ${p.verdict}${p.message ? ` (${p.message})` : ''}`);
    const cx = x(p.at);
    const hasValue = typeof p.value === 'number';
    const cy = hasValue ? y(p.value) : H - B - 6;
    // Shapes as well as colours, so the verdict does not rest on colour alone: circle pass, square fail, triangle inconclusive.
    const mark = p.verdict === 'Pass' ? svg('circle', { cx, cy, r: 4.5 })
      : p.verdict === 'Fail' ? svg('rect', { x: cx - 5, y: cy - 5, width: 10, height: 10 })
      : svg('path', { d: `M${cx},${cy - 6} L${cx + 6},${cy + 5} L${cx - 6},${cy + 5} Z` });
    mark.setAttribute('class', `pt pt-${p.verdict}`);
    mark.append(title);
    chart.append(mark);
  }
  return chart;
}

// ---- routing diffs ----

function renderRouting(routing) {
  const parts = [];
  for (const problem of routing.problems || []) parts.push(el('p', { class: 'problem' }, problem));
  for (const o of routing.objects || []) {
    const pre = el('pre', { class: 'diff', 'aria-label': `${o.kind} ${o.name}: changes against its origin` });
    const text = o.diff || '(no change: equal to its origin)';
    for (const lineText of text.split('\n')) {
      const cls = lineText.startsWith('+') && !lineText.startsWith('+++') ? 'add' : lineText.startsWith('-') && !lineText.startsWith('---') ? 'del' : lineText.startsWith('@@') ? 'hunk' : '';
      pre.append(el('span', { class: cls }, `${lineText}\n`));
    }
    parts.push(el('h4', {}, `${o.kind} ${o.name}`), pre);
  }
  if (parts.length === 0) parts.push(el('p', { class: 'muted' }, 'No routing object carries changes of this release.'));
  $('routing').replaceChildren(...parts);
}

// ---- commands ----

function confirmCommand(command) {
  const [ns, name] = state.current;
  $('confirm-title').textContent = `Send ${command} to ${ns}/${name}?`;
  $('confirm-text').textContent = `${EXPLAIN[command]} The command is set as annotation greylane.dev/command with your own credentials, as kubectl greylane ${command === 'promote-full' ? 'promote --full' : command} does.`;
  const dialog = $('confirm');
  dialog.returnValue = '';
  dialog.onclose = () => { if (dialog.returnValue === 'yes') send(command, ns, name); };
  dialog.showModal();
}

async function send(command, ns, name) {
  const result = $('action-result');
  result.textContent = `sending ${command}…`;
  const answer = await fetch(`/api/releases/${encodeURIComponent(ns)}/${encodeURIComponent(name)}/command`, {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ command }),
  });
  const body = await answer.json().catch(() => ({ error: `${answer.status} ${answer.statusText}` }));
  result.textContent = answer.ok ? body.message : `${command} refused (${answer.status}${answer.status === 403 ? ' Forbidden' : ''}): ${body.error}`;
  result.className = answer.ok ? '' : 'problem';
}

// ---- navigation and the live feed ----

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const detail = parts.length === 2;
  state.current = detail ? parts : null;
  state.detail = null;
  $('overview').hidden = detail;
  $('release').hidden = !detail;
  $('action-result').textContent = '';
  if (detail) {
    $('release-title').textContent = `${parts[0]}/${parts[1]}`;
    $('release-title').setAttribute('tabindex', '-1');
    $('release-title').focus();
    loadDetail();
  }
}

function connect() {
  const live = $('live');
  const source = new EventSource('/api/stream');
  const parse = (e) => JSON.parse(e.data);
  source.onopen = () => { live.textContent = 'live'; live.className = 'live on'; };
  source.onerror = () => { live.textContent = 'reconnecting…'; live.className = 'live off'; };
  source.addEventListener('snapshot', (e) => {
    state.rows = new Map(parse(e).items.map((r) => [key(r.namespace, r.deployment), r]));
    showProblem('');
    renderOverview();
    refreshDetailSoon();
  });
  source.addEventListener('release', (e) => {
    const r = parse(e);
    state.rows.set(key(r.namespace, r.deployment), r);
    renderOverview();
    if (state.current && key(...state.current) === key(r.namespace, r.deployment)) refreshDetailSoon();
  });
  source.addEventListener('removed', (e) => {
    const r = parse(e);
    state.rows.delete(key(r.namespace, r.deployment));
    renderOverview();
  });
  source.addEventListener('event', (e) => {
    const r = parse(e);
    if (state.current && key(...state.current) === key(r.namespace, r.deployment)) refreshDetailSoon();
  });
  source.addEventListener('problem', (e) => showProblem(`${parse(e).status}: ${parse(e).error}`));
}

async function start() {
  const scope = await fetch('/api/scope', { credentials: 'same-origin' }).then((a) => a.json()).catch(() => null);
  if (scope) $('scope').textContent = scope.allNamespaces ? 'all namespaces' : `namespace ${scope.namespace}`;
  $('filter-namespace').addEventListener('change', renderOverview);
  $('filter-phase').addEventListener('change', renderOverview);
  for (const button of document.querySelectorAll('[data-command]')) button.addEventListener('click', () => confirmCommand(button.dataset.command));
  window.addEventListener('hashchange', route);
  route();
  connect();
}

document.addEventListener('DOMContentLoaded', start);
