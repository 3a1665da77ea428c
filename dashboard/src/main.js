// The dashboard page: choose a place and a year, optionally paste a token, and see five sections, each a chart with
// its table view and CSV download. Everything comes from the public GraphQL API through registered documents.
import * as echarts from 'echarts/core';
import { BarChart, GraphChart, HeatmapChart, SankeyChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { run } from './api.js';
import { languages, textsFor } from './i18n.js';
import { sections } from './sections.js';
import { downloadCsv, renderTable } from './table.js';
import './page.css';

echarts.use([BarChart, GraphChart, HeatmapChart, SankeyChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const params = new URLSearchParams(location.search);
const state = {
  lang: params.get('lang') === 'en' ? 'en' : 'nl',
  year: Number(params.get('year')) || new Date().getUTCFullYear(),
  place: ['municipality', 'area', 'neighbourhood'].map((kind) => params.get(kind) && `${kind}:${params.get(kind)}`).find(Boolean) ?? null,
  token: null, // in memory only: never stored, never in the URL
};
let charts = [];
let places = null;
let generation = 0;
let firstChartMarked = false;

const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
};

// A place is named by its CBS code when it has a real one (what the API's municipalityCode and neighbourhoodCode take)
// and by its ID otherwise: a place the API lists must open whatever code it carries.
const MUNICIPALITY_CODE = /^GM\d{4}$/;
const REGION_CODE = /^(WK\d{6}|BU\d{8})$/;
const municipalityKey = (m) => (MUNICIPALITY_CODE.test(m.cbsCode ?? '') ? m.cbsCode : m.id);
const neighbourhoodKey = (n) => (REGION_CODE.test(n.cbsCode ?? '') ? n.cbsCode : n.id);

function scopeOf(place, year) {
  const [kind, value] = [place.slice(0, place.indexOf(':')), place.slice(place.indexOf(':') + 1)];
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  if (kind === 'municipality') return MUNICIPALITY_CODE.test(value) ? { municipalityCode: value, ...period } : { municipality: value, ...period };
  if (kind === 'neighbourhood') return REGION_CODE.test(value) ? { neighbourhoodCode: value, ...period } : { neighbourhood: value, ...period };
  return { area: value, ...period };
}

function syncUrl() {
  const url = new URLSearchParams();
  if (state.place) url.set(state.place.slice(0, state.place.indexOf(':')), state.place.slice(state.place.indexOf(':') + 1));
  url.set('year', state.year);
  if (state.lang !== 'nl') url.set('lang', state.lang);
  history.replaceState(null, '', `?${url}`);
}

function placeOptions(municipalities, t) {
  return municipalities.map((m) => el('optgroup', { label: m.name },
    el('option', { value: `municipality:${municipalityKey(m)}` }, `${m.name} (${t.municipality})`),
    m.areas.nodes.map((a) => el('option', { value: `area:${a.id}` }, `${a.name} (${t.area})`)),
    m.neighbourhoods.nodes.map((n) => el('option', { value: `neighbourhood:${neighbourhoodKey(n)}` }, `${n.level === 'NEIGHBOURHOOD' ? '· ' : ''}${n.name}${n.cbsCode ? ` (${n.cbsCode})` : ''}`))));
}

async function renderHeader(t, options) {
  const status = el('p', { id: 'status', role: 'status' }, t.loading);
  const place = el('select', { id: 'place', onchange: (e) => { state.place = e.target.value; refresh(); } });
  const thisYear = new Date().getUTCFullYear();
  const year = el('select', { id: 'year', onchange: (e) => { state.year = Number(e.target.value); refresh(); } },
    [...new Set([thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3, state.year])].sort((a, b) => b - a)
      .map((y) => el('option', { value: y, selected: y === state.year }, String(y))));
  const lang = el('select', { id: 'lang', onchange: (e) => { state.lang = e.target.value; refresh(); } },
    Object.entries(languages).map(([code, name]) => el('option', { value: code, lang: code, selected: code === state.lang }, name)));
  const token = el('input', { id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const signIn = (e) => {
    e.preventDefault();
    state.token = token.value.trim().replace(/^Bearer\s+/i, '') || null;
    token.value = '';
    refresh();
  };
  const form = el('form', { class: 'controls', onsubmit: signIn },
    el('label', { for: 'place' }, t.place), place,
    el('label', { for: 'year' }, t.year), year,
    el('label', { for: 'lang' }, t.language), lang,
    el('label', { for: 'token' }, t.token), token,
    el('button', { type: 'submit', id: 'sign-in' }, t.signIn),
    state.token ? el('button', { type: 'button', id: 'sign-out', onclick: (e) => { state.token = null; signIn(e); } }, t.signOut) : null);
  document.querySelector('header').replaceChildren(el('h1', {}, t.title), form, status);

  try {
    // The places and the viewer change only with the token and the language.
    const key = `${options.lang}|${options.token ?? ''}`;
    if (places?.key !== key) places = { key, data: run('DashboardPagePlaces', {}, options) };
    const data = await places.data.catch((error) => { places = null; throw error; });
    const municipalities = data.municipalities.nodes;
    place.replaceChildren(...placeOptions(municipalities, t));
    if (!state.place && municipalities.length) state.place = `municipality:${municipalityKey(municipalities[0])}`;
    place.value = state.place;
    status.textContent = data.viewer.isAuthenticated ? t.signedInAs(data.viewer.role.toLowerCase()) : t.anonymous;
  } catch (error) {
    status.textContent = t.failed(error.message);
  }
}

function markFirstChart() {
  if (firstChartMarked) return;
  firstChartMarked = true;
  performance.mark('dashboard-first-chart');
}

function renderSection(section, result, t, container) {
  const body = [];
  for (const note of result.notes ?? []) body.push(el('p', {}, note));
  if (result.suppressedNote) body.push(el('p', { class: 'note' }, t.suppressedNote(result.suppressedNote)));
  if (result.option) {
    const chart = el('div', { class: 'chart', role: 'img', 'aria-label': section.title(t), 'data-plotted': result.plotted, style: `height:${result.height}px` });
    body.push(chart);
    container.append(...body);
    const instance = echarts.init(chart, null, { renderer: 'canvas' });
    instance.on('finished', markFirstChart);
    instance.setOption({ aria: { enabled: true }, animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...result.option });
    charts.push(instance);
  } else {
    body.push(el('p', { class: 'empty' }, t.noData));
    container.append(...body);
  }
  const hidden = result.tables.filter((table) => !table.visible);
  const tables = el('div', { class: 'tables', id: `${section.id}-tables`, hidden: hidden.length > 0 && result.option ? true : null }, hidden.map((table) => renderTable(table, t, state.lang)));
  const toolbar = el('div', { class: 'toolbar' },
    hidden.length && result.option ? el('button', {
      type: 'button', 'aria-expanded': 'false', 'aria-controls': tables.id, 'data-toggle': section.id,
      onclick: (e) => {
        const open = tables.hidden;
        tables.hidden = !open;
        e.target.setAttribute('aria-expanded', String(open));
        e.target.textContent = open ? t.hideTable : t.showTable;
      },
    }, t.showTable) : null,
    result.tables.map((table) => el('button', { type: 'button', 'data-csv': table.id, onclick: () => downloadCsv(table, t) }, t.csv(table.caption))));
  container.append(toolbar, tables, ...result.tables.filter((table) => table.visible).map((table) => renderTable(table, t, state.lang)));
}

async function refresh() {
  const current = ++generation;
  for (const chart of charts) chart.dispose();
  charts = [];
  const t = textsFor(state.lang);
  document.documentElement.lang = state.lang;
  document.title = t.title;
  const options = { token: state.token, lang: state.lang };
  const main = document.querySelector('main');
  main.replaceChildren();
  document.body.dataset.state = 'loading';
  // With the place in the URL the sections load at once, beside the place list; without, the first municipality.
  const header = renderHeader(t, options);
  if (!state.place) await header;
  if (current !== generation) return;
  syncUrl();
  if (!state.place) {
    document.body.dataset.state = 'ready';
    return;
  }
  const scope = scopeOf(state.place, state.year);
  const context = { t, scope, year: state.year, options, run: (name, variables) => run(name, variables, options) };
  await Promise.all([header, ...sections.map(async (section) => {
    const container = el('section', { id: section.id, 'aria-labelledby': `${section.id}-title`, 'data-state': 'loading' },
      el('h2', { id: `${section.id}-title` }, section.title(t)));
    const waiting = el('p', { class: 'loading' }, t.loading);
    container.append(waiting);
    main.append(container);
    try {
      const result = await section.load(context);
      if (current !== generation) return;
      waiting.remove();
      renderSection(section, result, t, container);
      performance.mark(`dashboard-${section.id}`);
      container.dataset.state = 'ready';
    } catch (error) {
      if (current !== generation) return;
      waiting.textContent = t.failed(error.message);
      waiting.setAttribute('role', 'alert');
      container.dataset.state = 'error';
    }
  })]);
  if (current === generation) document.body.dataset.state = 'ready';
}

document.getElementById('app').replaceWith(el('header'), el('main'));
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
refresh();
