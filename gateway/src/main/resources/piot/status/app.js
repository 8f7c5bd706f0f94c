// The piot status page: snapshots from the JSON API, then live updates from /api/events.
// No framework and no build step; every DOM node is created once and updated in place so a
// value typed into an action input survives a reading arriving.
'use strict';

const TOKEN_KEY = 'piot.token';
const POINTS = 90;            // sparkline history per key
const state = {
  node: null,
  peers: new Map(),           // name -> peer
  things: new Map(),          // "node/thing" -> { info, el, rows: Map(key -> row) }
  series: new Map(),          // "node/thing/key" -> [numbers]
  actions: new Map(),         // id -> latest action JSON
  pendingCard: new Map(),     // id -> "node/thing" (which card shows its status)
  errors: [],
  uptimeBase: 0, uptimeAt: Date.now(),
};

const $ = (id) => document.getElementById(id);
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}
function svg(tag, attrs = {}) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

async function getJson(path) {
  const r = await fetch(path, { cache: 'no-store' });
  if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
  return r.json();
}

// ---- node header -------------------------------------------------------------------------
function renderNode(n) {
  state.node = n;
  $('node-name').textContent = n.name;
  $('node-network').textContent = 'network ' + n.network + ' · v' + n.version;
  const h = $('node-health');
  h.textContent = n.health;
  h.className = 'badge ' + n.health;
  h.title = (n.problems || []).join('\n');
  state.uptimeBase = n.uptimeSeconds; state.uptimeAt = Date.now();
  document.title = n.name + ' · piot';
  if (n.tokenRequired && !localStorage.getItem(TOKEN_KEY)) showTokenForm();
}
function fmtDuration(s) {
  s = Math.max(0, Math.floor(s));
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  if (d) return d + 'd ' + h + 'h';
  if (h) return h + 'h ' + String(m).padStart(2, '0') + 'm';
  return m + 'm ' + String(s % 60).padStart(2, '0') + 's';
}
function tickUptime() {
  $('node-uptime').textContent = fmtDuration(state.uptimeBase + (Date.now() - state.uptimeAt) / 1000);
}

// ---- mesh graph ----------------------------------------------------------------------------
function renderMesh() {
  const g = $('mesh');
  g.replaceChildren();
  // Layered left to right: this node, its direct links, then nodes reached through a relay.
  const self = state.node ? state.node.name : 'this node';
  const peers = [...state.peers.values()];
  const direct = peers.filter((p) => !p.via);
  const rows = Math.max(1, direct.length, peers.length - direct.length);
  const W = 420, H = 80 * rows + 50;   // room for a name and a sub-label under every circle
  const spread = (n, i) => 20 + (H - 50) * (i + 0.5) / n;
  const pos = new Map([[self, { x: 60, y: 20 + (H - 50) / 2 }]]);
  direct.forEach((p, i) => pos.set(p.name, { x: 215, y: spread(direct.length, i) }));
  const relayed = peers.filter((p) => p.via).sort((a, b) => (pos.get(a.via)?.y ?? 0) - (pos.get(b.via)?.y ?? 0));
  relayed.forEach((p, i) => pos.set(p.name, { x: 360, y: spread(relayed.length, i) }));
  g.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  const links = svg('g'), labels = svg('g'), nodes = svg('g');
  for (const p of peers) {
    const from = pos.get(p.via) || pos.get(self), to = pos.get(p.name);
    links.append(svg('line', { x1: from.x, y1: from.y, x2: to.x, y2: to.y,
      class: 'link ' + p.state + (p.via ? ' relay' : ''), 'data-link': (p.via || self) + '-' + p.name }));

    const mx = (from.x + to.x) / 2, my = (from.y + to.y) / 2;
    const text = String(p.holdingDepth);
    const box = svg('g', { class: 'depth' + (p.holdingDepth > 0 ? ' held' : ''), 'data-depth': p.name });
    const w = 8 + 7 * text.length;
    box.append(svg('rect', { x: mx - w / 2, y: my - 9, width: w, height: 18, rx: 9 }));
    const t = svg('text', { x: mx, y: my + 4 }); t.textContent = text; box.append(t);
    const title = svg('title'); title.textContent = p.holdingDepth + ' message(s) in holding for ' + p.name; box.append(title);
    labels.append(box);
  }
  const drawNode = (name, cls, sub) => {
    const p = pos.get(name);
    const grp = svg('g', { 'data-node': name, class: 'mesh-node ' + cls });
    grp.append(svg('circle', { cx: p.x, cy: p.y, r: name === self ? 16 : 12, class: 'node-dot ' + cls }));
    const t = svg('text', { x: p.x, y: p.y + (name === self ? 32 : 27) }); t.textContent = name; grp.append(t);
    if (sub) { const s = svg('text', { x: p.x, y: p.y + (name === self ? 44 : 39), class: 'sub' }); s.textContent = sub; grp.append(s); }
    nodes.append(grp);
  };
  drawNode(self, 'self', 'this node');
  for (const p of peers) drawNode(p.name, p.state, p.state === 'up' && p.rttMs != null ? Math.round(p.rttMs) + ' ms' : p.state);
  g.append(links, labels, nodes);
}

// ---- things --------------------------------------------------------------------------------
function thingCard(t) {
  const id = t.node + '/' + t.thing;
  let card = state.things.get(id);
  if (!card) {
    const rowsEl = el('div', { class: 'rows' });
    const actionsEl = el('div', { class: 'actions' });
    const statusEl = el('div', { class: 'action-status', 'data-status-for': id });
    const root = el('article', { class: 'card thing', 'data-thing': id },
      el('h3', { text: t.thing }), el('div', { class: 'where', text: t.node + ' · ' + t.type }), rowsEl, actionsEl, statusEl);
    card = { info: t, root, rowsEl, actionsEl, statusEl, rows: new Map() };
    state.things.set(id, card);
    insertSorted($('things'), root, id);
    for (const a of t.actions) actionsEl.append(...actionControls(t, a));
  }
  card.info = t;
  for (const k of t.keys) updateKey(t.node, t.thing, k, false);
  return card;
}
// A thing left the directory (or its definition changed, when a fresh card replaces it).
function removeThing(id) {
  const card = state.things.get(id);
  if (!card) return;
  card.root.remove();
  state.things.delete(id);
  for (const k of [...state.series.keys()]) if (k.startsWith(id + '/')) state.series.delete(k);
}
function sameShape(a, b) {
  const shape = (t) => JSON.stringify([t.type, t.keys.map((k) => k.key + ' ' + k.unit), t.actions]);
  return shape(a) === shape(b);
}
function insertSorted(parent, child, key) {
  const after = [...parent.children].find((c) => c.dataset.thing > key);
  parent.insertBefore(child, after || null);
}
function actionControls(t, a) {
  const target = { node: t.node, thing: t.thing, action: a.name };
  const data = t.node + '/' + t.thing + '/' + a.name;
  if (!a.takesValue) return [button(a.name, data, '', () => act(target, null))];
  if (a.choices.length) return a.choices.map((c, i) => button(a.name === 'set' ? c : a.name + ' ' + c, data, c, () => act(target, c), i > 0));
  const input = el('input', { type: 'text', placeholder: 'value', 'aria-label': a.name + ' value', 'data-input': data });
  return [input, button(a.name, data, '', () => act(target, parseValue(input.value)))];
}
function button(label, data, value, onClick, secondary) {
  const b = el('button', { type: 'button', text: label, 'data-action': data, 'data-value': value, class: secondary ? 'secondary' : '' });
  b.addEventListener('click', onClick);
  return b;
}
function parseValue(s) {
  s = s.trim();
  if (s === '') return null;
  if (s === 'true' || s === 'false') return s === 'true';
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
}

function updateKey(node, thing, k, live) {
  const card = state.things.get(node + '/' + thing);
  if (!card) return;
  const sid = node + '/' + thing + '/' + k.key;
  let row = card.rows.get(k.key);
  if (!row) {
    const val = el('span', { class: 'val', 'data-key': sid });
    const canvas = el('canvas', { width: 120, height: 32, 'data-chart': sid });
    const ts = el('span', { class: 'ts' });
    row = { root: el('div', { class: 'reading' }, el('span', { class: 'key', text: k.key }), canvas, val, ts), val, canvas, ts };
    card.rows.set(k.key, row);
    card.rowsEl.append(row.root);
  }
  row.val.replaceChildren(fmtValue(k.value), k.unit ? el('span', { class: 'unit', text: k.unit }) : '');
  row.root.classList.toggle('historical', !!k.historical);
  row.ts.textContent = k.ts ? (k.historical ? 'remembered · ' : '') + new Date(k.ts).toLocaleTimeString() : 'no value yet';
  const num = numeric(k.value);
  if (num != null) {
    const s = state.series.get(sid) || [];
    if (live || s.length === 0) s.push(num);
    if (s.length > POINTS) s.splice(0, s.length - POINTS);
    state.series.set(sid, s);
  }
  drawSpark(row.canvas, state.series.get(sid) || [], typeof k.value !== 'number');
}
function fmtValue(v) {
  if (v == null) return '–';
  if (typeof v === 'number') return String(Math.round(v * 100) / 100);  // at most two decimals
  return String(v);
}
function numeric(v) {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'on') return 1;
  if (v === 'off') return 0;
  return null;
}
function drawSpark(canvas, pts, step) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 120, h = canvas.clientHeight || 32;
  if (canvas.width !== Math.round(w * dpr)) { canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr); }
  const c = canvas.getContext('2d');
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
  c.clearRect(0, 0, w, h);
  if (pts.length === 0) return;
  let lo = Math.min(...pts), hi = Math.max(...pts);
  if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
  const x = (i) => pts.length === 1 ? w - 3 : 3 + (i * (w - 6)) / (pts.length - 1);
  const y = (v) => h - 3 - ((v - lo) * (h - 6)) / (hi - lo);
  const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#2b6cb0';
  c.strokeStyle = accent; c.lineWidth = 1.5; c.beginPath();
  pts.forEach((v, i) => {
    if (i === 0) c.moveTo(x(i), y(v));
    else { if (step) c.lineTo(x(i), y(pts[i - 1])); c.lineTo(x(i), y(v)); }
  });
  c.stroke();
  c.fillStyle = accent; c.beginPath(); c.arc(x(pts.length - 1), y(pts[pts.length - 1]), 2.5, 0, 2 * Math.PI); c.fill();
}

// ---- actions -------------------------------------------------------------------------------
async function act(target, value) {
  const id = target.node + '/' + target.thing;
  const card = state.things.get(id);
  const buttons = card.actionsEl.querySelectorAll('button');
  buttons.forEach((b) => (b.disabled = true));
  const label = target.action + (value == null ? '' : ' ' + value);
  try {
    const headers = { 'Content-Type': 'application/json' };
    const token = localStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    const r = await fetch('/api/actions', { method: 'POST', headers,
      body: JSON.stringify({ node: target.node, thing: target.thing, action: target.action, value, expiry: '30s' }) });
    const body = await r.json().catch(() => ({}));
    if (r.status === 401) {
      localStorage.removeItem(TOKEN_KEY);
      showTokenForm(token ? 'That token was refused. Enter the right one, then try again.' : undefined);
      showStatus(card, label, 'refused', 'token needed');
      return;
    }
    if (r.status !== 202) { showStatus(card, label, 'refused', body.message || 'HTTP ' + r.status); return; }
    state.pendingCard.set(body.id, { id, label });
    const seen = state.actions.get(body.id);
    showStatus(card, label, seen ? seen.status : body.status, '', body.id);
  } catch (e) {
    showStatus(card, label, 'failed', String(e.message || e));
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}
function showStatus(card, label, status, detail, actionId) {
  card.statusEl.replaceChildren(label + ' → ', el('span', { class: 'pill ' + status, text: status, 'data-action-id': actionId || '' }),
    detail ? ' ' + detail : '');
}
function onAction(a) {
  state.actions.set(a.id, a);
  const p = state.pendingCard.get(a.id);
  if (!p) return;
  const last = a.updates[a.updates.length - 1];
  showStatus(state.things.get(p.id), p.label, a.status, last && last.detail, a.id);
  if (a.final) state.pendingCard.delete(a.id);
}

// ---- errors --------------------------------------------------------------------------------
function renderErrors() {
  const ul = $('errors');
  if (state.errors.length === 0) { ul.replaceChildren(el('li', { class: 'muted', text: 'none' })); return; }
  ul.replaceChildren(...state.errors.slice(-30).reverse().map((e) =>
    el('li', {}, el('span', { class: 'src', text: e.source }), e.message, el('time', { datetime: e.ts, text: new Date(e.ts).toLocaleString() }))));
}

// ---- token ---------------------------------------------------------------------------------
function showTokenForm(why) {
  if (why) $('token-why').textContent = why;
  $('token-form').hidden = false;
}
$('token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const v = $('token-input').value.trim();
  if (!v) return;
  localStorage.setItem(TOKEN_KEY, v);
  $('token-input').value = '';
  $('token-form').hidden = true;
});

// ---- live updates --------------------------------------------------------------------------
async function loadSnapshots() {
  const [node, peers, things, errors] = await Promise.all(
    ['/api/node', '/api/peers', '/api/things', '/api/errors'].map(getJson));
  renderNode(node);
  state.peers = new Map(peers.peers.map((p) => [p.name, p]));
  renderMesh();
  const present = new Set(things.things.map((t) => t.node + '/' + t.thing));
  for (const id of [...state.things.keys()]) if (!present.has(id)) removeThing(id);
  things.things.forEach(thingCard);
  state.errors = errors.errors;
  renderErrors();
}
function connect() {
  const es = new EventSource('/api/events');
  const live = $('live');
  es.onopen = () => {
    live.textContent = '● live'; live.className = 'live on';
    loadSnapshots().catch((e) => console.warn(e));  // catch up on what happened while away
  };
  es.onerror = () => { live.textContent = '○ reconnecting'; live.className = 'live off'; };
  es.addEventListener('reading', (m) => {
    const r = JSON.parse(m.data);
    if (!state.things.has(r.node + '/' + r.thing)) {
      getJson('/api/things/' + encodeURIComponent(r.node) + '/' + encodeURIComponent(r.thing)).then(thingCard).catch(() => {});
      return;
    }
    updateKey(r.node, r.thing, r, true);
  });
  es.addEventListener('action', (m) => onAction(JSON.parse(m.data)));
  // The server dropped events because this page fell behind: the snapshots have the latest values.
  es.addEventListener('dropped', () => loadSnapshots().catch((e) => console.warn(e)));
  es.addEventListener('peer', (m) => { const p = JSON.parse(m.data); state.peers.set(p.name, p); renderMesh(); });
  es.addEventListener('peer-removed', (m) => { state.peers.delete(JSON.parse(m.data).name); renderMesh(); });
  // A thing appeared or changed its keys or actions: a changed one gets a fresh card.
  es.addEventListener('thing', (m) => {
    const t = JSON.parse(m.data);
    const id = t.node + '/' + t.thing;
    const card = state.things.get(id);
    if (card && !sameShape(card.info, t)) removeThing(id);
    thingCard(t);
  });
  es.addEventListener('thing-removed', (m) => { const t = JSON.parse(m.data); removeThing(t.node + '/' + t.thing); });
  es.addEventListener('error', (m) => {
    if (!m.data) return;  // the EventSource's own connection error, not a piot error event
    state.errors.push(JSON.parse(m.data));
    renderErrors();
  });
}

tickUptime();
setInterval(tickUptime, 1000);
setInterval(() => getJson('/api/node').then(renderNode).catch(() => {}), 15000);
loadSnapshots().catch((e) => console.warn(e));
connect();
