// The adrd-stream dashboard: a live feed of risk records (server-sent events), pipeline health polled every
// two seconds, and a patient view opened from the feed (#patient/<pseudonym>). No framework, no CDN.
'use strict';

const MAX_ROWS = 200;
const KINDS = ['DIAGNOSIS', 'MEDICATION', 'LAB', 'ENCOUNTER', 'PROCEDURE', 'OBSERVATION'];
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

const fmtTime = (iso) => (iso && iso !== 'null') ? new Date(iso).toLocaleTimeString() : '–';
const fmtDate = (iso) => (iso && iso !== 'null') ? iso.slice(0, 10) : '–';
const pct = (p) => p == null ? '–' : (100 * p).toFixed(1) + '%';

function band(row) {
  return row.band ? el('span', {class: 'band ' + row.band}, row.band.replace('_', ' ').toLowerCase())
                  : el('span', {class: 'muted'}, '–');
}

function change(row) {
  if (row.change == null) return el('span', {class: 'muted'}, row.score == null ? '' : 'new');
  const points = 100 * row.change;
  if (Math.abs(points) < 0.05) return el('span', {class: 'muted'}, '±0.0');
  return el('span', {class: points > 0 ? 'up' : 'down'}, (points > 0 ? '▲ +' : '▼ ') + points.toFixed(1));
}

// ---- live risk feed ---------------------------------------------------------------------------------
function addRow(row) {
  const body = $('risk-rows');
  const tr = el('tr', {class: 'score-row fresh', 'data-patient': row.patient_id},
    el('td', {}, fmtTime(row.scored_at)),
    el('td', {}, el('a', {href: '#patient/' + encodeURIComponent(row.patient_id)}, row.patient_id.slice(0, 12))),
    el('td', {}, row.status.replace(/_/g, ' ').toLowerCase()),
    el('td', {class: 'num'}, pct(row.score)),
    el('td', {}, band(row)),
    el('td', {class: 'num'}, change(row)),
    el('td', {class: 'muted'}, row.model ?? '–'),
    el('td', {class: 'num'}, row.latency_ms == null ? '–' : row.latency_ms + ' ms'));
  tr.addEventListener('click', () => { location.hash = 'patient/' + encodeURIComponent(row.patient_id); });
  body.prepend(tr);
  while (body.rows.length > MAX_ROWS) body.deleteRow(body.rows.length - 1);
  $('feed-empty').hidden = true;
  if (currentPatient === row.patient_id) showPatient(currentPatient);
}

function connectFeed() {
  const source = new EventSource('/api/scores/stream');
  let last = 0;
  source.addEventListener('open', () => { $('feed-state').textContent = 'live'; });
  source.addEventListener('error', () => { $('feed-state').textContent = 'reconnecting'; });
  source.addEventListener('score', (event) => {
    const row = JSON.parse(event.data);
    if (row.sequence <= last) return; // a reconnect resends the newest rows
    last = row.sequence;
    addRow(row);
  });
}

// ---- pipeline health --------------------------------------------------------------------------------
async function refreshHealth() {
  try {
    const response = await fetch('/api/health');
    if (!response.ok) return;
    const h = await response.json();
    $('status-line').textContent = h.status_line;
    $('model').textContent = 'model: ' + (h.model_in_service ?? '–');
    $('h-events').textContent = h.events_in;
    $('h-rate').textContent = h.events_per_second.toFixed(0) + ' events/s';
    $('h-histories').textContent = h.histories_published;
    $('h-patients').textContent = h.patients_with_history + ' patients';
    $('h-scores').textContent = h.risk_records;
    $('h-scored').textContent = h.scored + ' with a score';
    $('h-latency').textContent = h.latency_p50_ms < 0 ? '–' : h.latency_p50_ms + ' / ' + h.latency_p99_ms + ' ms';
    $('h-first').textContent = h.first_score_after_s == null ? 'first score pending'
                                                            : 'first score after ' + h.first_score_after_s.toFixed(1) + ' s';
    $('h-lag').textContent = h.total_lag < 0 ? '–' : h.total_lag;
    $('h-lag-topics').textContent = Object.entries(h.lag).map(([t, n]) => t + ' ' + n).join(' · ');
    const b = h.scoring_batches;
    $('h-batch').textContent = b.mean_size == null ? '–' : b.mean_size.toFixed(1) + ' (max ' + b.max_size.toFixed(0) + ')';
    $('h-batch-ms').textContent = b.mean_ms == null ? 'no batch in the last minute' : b.mean_ms.toFixed(0) + ' ms per batch';
    $('feed-rows').replaceChildren(...Object.entries(h.feeds).map(([feed, f]) =>
      el('tr', {}, el('td', {}, feed), el('td', {class: 'num'}, f.total), el('td', {class: 'num'}, f.per_second.toFixed(1)))));
    $('h-dlq').textContent = h.dead_letters;
    $('dlq-rows').replaceChildren(...h.dead_letter_entries.slice(0, 10).map((d) =>
      el('tr', {}, el('td', {}, fmtTime(d.failed_at)), el('td', {}, d.stage), el('td', {}, d.reason), el('td', {class: 'muted'}, d.source))));
  } catch (e) {
    $('status-line').textContent = 'dashboard unreachable: ' + e;
  }
}

// ---- patient view -----------------------------------------------------------------------------------
let currentPatient = null;
let kindFilter = null;

async function showPatient(id) {
  currentPatient = id;
  const response = await fetch('/api/patients/' + encodeURIComponent(id));
  const view = $('patient-view');
  view.hidden = false;
  $('p-id').textContent = id;
  if (!response.ok) {
    $('p-summary').textContent = (await response.json()).error;
    return;
  }
  const p = await response.json();
  const h = p.history;
  const latest = p.latest;
  const lastScored = p.scores.slice().reverse().find((s) => s.score != null);
  $('p-summary').textContent = [
    h ? 'sex ' + (h.sex ?? '?') + ', born ' + (h.birth_year ?? '?') : 'history not assembled yet',
    h && h.death_date && h.death_date !== 'null' ? 'died ' + fmtDate(h.death_date) : null,
    latest ? 'eligibility: ' + latest.status.replace(/_/g, ' ').toLowerCase() : 'not scored yet',
    lastScored ? 'latest risk ' + pct(lastScored.score) + ' (' + lastScored.band.toLowerCase() + ')' : null,
    h ? 'history version ' + h.version : null,
  ].filter(Boolean).join(' · ');
  drawChart(p.scores.filter((s) => s.score != null));
  $('evidence').replaceChildren(...(lastScored && lastScored.evidence.length ? lastScored.evidence.map((e) =>
      el('li', {}, el('strong', {}, e.display ?? e.code), ' ', el('span', {class: 'muted'},
        e.system + ' ' + e.code + ' · ' + fmtDate(e.time) + ' · weight ' + e.weight.toFixed(3))))
    : [el('li', {class: 'muted'}, 'no evidence: the patient has not been scored')]));
  drawTimeline(h);
}

function drawTimeline(history) {
  const events = history ? history.events : [];
  $('p-events').textContent = events.length + ' events' +
    (history && history.summaries.length ? ' + ' + history.summaries.length + ' summarised codes' : '');
  $('timeline-filters').replaceChildren(...[null, ...KINDS].map((kind) => {
    const button = el('button', {class: kind === kindFilter ? 'on' : ''}, kind ? kind.toLowerCase() : 'all');
    button.addEventListener('click', () => { kindFilter = kind; drawTimeline(history); });
    return button;
  }));
  const shown = events.filter((e) => !kindFilter || e.kind === kindFilter).slice().reverse();
  $('timeline').replaceChildren(...shown.map((e) => el('li', {class: 'timeline-event', 'data-kind': e.kind},
    el('span', {}, fmtDate(e.time)), el('span', {class: 'kind'}, e.kind),
    el('span', {}, (e.code ? (e.code.display ?? e.code.value) : '') +
      (e.value != null ? ' = ' + e.value + (e.unit ? ' ' + e.unit : '') : '')))));
}

function drawChart(scores) {
  const svg = $('score-chart');
  const ns = 'http://www.w3.org/2000/svg';
  const w = 420, h = 160, pad = 28;
  const node = (tag, attrs, text) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text != null) n.textContent = text;
    return n;
  };
  svg.replaceChildren();
  const top = Math.max(0.05, ...scores.map((s) => s.score)) * 1.15;
  const y = (p) => h - pad - (h - 2 * pad) * (p / top);
  for (const tick of [0, top / 2, top]) {
    svg.append(node('line', {x1: pad, x2: w - 8, y1: y(tick), y2: y(tick), stroke: '#e4e7ec'}));
    svg.append(node('text', {x: 2, y: y(tick) + 4, 'font-size': 10, fill: '#667085'}, (100 * tick).toFixed(0) + '%'));
  }
  if (scores.length === 0) {
    svg.append(node('text', {x: w / 2, y: h / 2, 'text-anchor': 'middle', fill: '#667085'}, 'no scores yet'));
    return;
  }
  const x = (i) => scores.length === 1 ? w / 2 : pad + (w - pad - 16) * i / (scores.length - 1);
  svg.append(node('polyline', {fill: 'none', stroke: '#2f5aa8', 'stroke-width': 2,
    points: scores.map((s, i) => x(i) + ',' + y(s.score)).join(' ')}));
  scores.forEach((s, i) => {
    const dot = node('circle', {cx: x(i), cy: y(s.score), r: 3.5, fill: '#2f5aa8', class: 'score-point'});
    dot.append(node('title', {}, fmtDate(s.index_time) + ': ' + pct(s.score) + ' (history v' + s.history_version + ')'));
    svg.append(dot);
  });
}

function route() {
  const match = location.hash.match(/^#patient\/(.+)$/);
  if (match) {
    showPatient(decodeURIComponent(match[1]));
  } else {
    currentPatient = null;
    $('patient-view').hidden = true;
  }
}

$('p-close').addEventListener('click', (e) => { e.preventDefault(); location.hash = ''; });
window.addEventListener('hashchange', route);
connectFeed();
refreshHealth();
setInterval(refreshHealth, 2000);
route();
