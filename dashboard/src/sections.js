// The five sections of the page. Each loads its figures through registered operations and returns the chart's
// ECharts option, the tables behind it (the table view and CSV) and what the chart plots, for checks.
import { allPages } from './api.js';
import { suppressed } from './table.js';

const BLUE = ['#eef4fb', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const GREY = '#595959'; // 7:1 on white
const count = (value, isSuppressed) => (isSuppressed ? suppressed : value);
const cents = (money) => Math.round(Number(money) * 100);
const euros = (c) => (c / 100).toFixed(2);
const partyName = (p) => p?.name ?? '';
const sum = (values) => values.reduce((a, b) => a + (Number(b) || 0), 0);
const axisLabel = { color: '#1a1a1a', width: 150, overflow: 'truncate' };

export const sections = [
  {
    id: 'baseline',
    title: (t) => t.baseline,
    async load({ t, run, scope }) {
      const { dashboard } = await run('DashboardPageBaseline', { scope });
      const { cells, overlaps, overlapCount } = dashboard.baseline;
      const themes = [...new Set(cells.map((c) => c.theme.name))];
      const groups = [...new Set(cells.map((c) => c.targetGroup.name))];
      const data = cells.map((c) => [themes.indexOf(c.theme.name), groups.indexOf(c.targetGroup.name), c.figures.activities, c.figures.providers]);
      const max = Math.max(1, ...cells.map((c) => c.figures.activities));
      return {
        meta: dashboard,
        plotted: sum(data.map((d) => d[2])),
        height: Math.max(320, 90 + groups.length * 28),
        option: cells.length === 0 ? null : {
          tooltip: { formatter: (p) => `${themes[p.value[0]]} × ${groups[p.value[1]]}<br>${t.activities}: ${p.value[2]}<br>${t.providers}: ${p.value[3]}` },
          grid: { left: 160, right: 24, top: 16, bottom: 150 },
          xAxis: { type: 'category', data: themes, axisLabel: { ...axisLabel, rotate: 30, width: 170, interval: 0 } },
          yAxis: { type: 'category', data: groups, axisLabel: { ...axisLabel, interval: 0 } },
          visualMap: { min: 0, max, text: [String(max), '0'], calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: BLUE }, textStyle: { color: '#1a1a1a' } },
          series: [{ type: 'heatmap', name: t.activities, data, label: { show: true, formatter: (p) => p.value[2] }, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } }],
        },
        tables: [
          {
            id: 'baseline-cells',
            caption: t.baselineCells,
            columns: [
              { key: 'theme', label: t.theme }, { key: 'group', label: t.targetGroup },
              { key: 'activities', label: t.activities, kind: 'int' }, { key: 'providers', label: t.providers, kind: 'int' },
            ],
            rows: cells.map((c) => ({ theme: c.theme.name, group: c.targetGroup.name, activities: c.figures.activities, providers: c.figures.providers })),
          },
          {
            id: 'baseline-overlaps',
            caption: t.overlaps(overlapCount),
            visible: true,
            columns: [
              { key: 'theme', label: t.theme }, { key: 'group', label: t.targetGroup }, { key: 'region', label: t.region },
              { key: 'activities', label: t.activities, kind: 'int' }, { key: 'providerCount', label: t.providerCount, kind: 'int' },
              { key: 'names', label: t.providerNames },
            ],
            rows: overlaps.map((o) => ({
              theme: o.theme.name, group: o.targetGroup.name, region: o.neighbourhood.name, activities: o.activities,
              providerCount: o.providerCount, names: o.providers.map(partyName).join('; '),
            })),
          },
        ],
      };
    },
  },
  {
    id: 'needs',
    title: (t) => t.needs,
    async load({ t, run, scope }) {
      const { dashboard } = await run('DashboardPageNeeds', { scope });
      const { cells, summary } = dashboard.needsVersusOffering;
      const label = (c) => `${c.theme.name} · ${c.targetGroup?.name ?? t.allGroups} · ${c.neighbourhood.name}`;
      // Ranked as the API ranks them; a suppressed cell gets no bar (its size is withheld) and says so in its label.
      const ranked = cells.slice(0, 20).reverse();
      const colour = { UNMET_NEED: '#b2182b', OFFERING_WITHOUT_SIGNAL: '#2166ac', MATCHED: '#1b7837', OVERLAPPING: '#762a83' };
      return {
        notes: [t.needsSummary(summary)],
        suppressedNote: cells.some((c) => c.suppressed) ? dashboard.smallCellThreshold : null,
        plotted: sum(ranked.filter((c) => !c.suppressed).map((c) => c.gap)),
        height: Math.max(320, 60 + ranked.length * 26),
        option: cells.length === 0 ? null : {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          grid: { left: 380, right: 40, top: 16, bottom: 40 },
          xAxis: { type: 'value', minInterval: 1, name: t.gap, nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: '#1a1a1a' }, axisLabel: { color: '#1a1a1a' } },
          yAxis: { type: 'category', data: ranked.map((c) => (c.suppressed ? `[${t.suppressed}] ${label(c)}` : label(c))), axisLabel: { ...axisLabel, width: 370 } },
          series: [{
            type: 'bar',
            name: t.gap,
            data: ranked.map((c) => (c.suppressed ? null : { value: c.gap, itemStyle: { color: colour[c.classification] } })),
            label: { show: true, position: 'right', color: '#1a1a1a', formatter: (p) => (p.value === null || p.value === undefined ? t.suppressed : p.value) },
          }],
        },
        tables: [{
          id: 'needs-cells',
          caption: t.needsCells,
          columns: [
            { key: 'theme', label: t.theme }, { key: 'group', label: t.targetGroup }, { key: 'region', label: t.region },
            { key: 'signals', label: t.signals, kind: 'int' }, { key: 'activities', label: t.activities, kind: 'int' },
            { key: 'providers', label: t.providers, kind: 'int' }, { key: 'classification', label: t.classification },
            { key: 'gap', label: t.gap, kind: 'int' },
          ],
          rows: cells.map((c) => ({
            theme: c.theme.name, group: c.targetGroup?.name ?? t.allGroups, region: c.neighbourhood.name,
            signals: count(c.signals, c.suppressed), activities: c.activities, providers: c.providers,
            classification: t[c.classification], gap: count(c.gap, c.suppressed),
          })),
        }],
      };
    },
  },
  {
    id: 'network',
    title: (t) => t.network,
    async load({ t, run, scope, options }) {
      // The first answer holds the figures and the first page of both lists; only a longer list asks for more.
      const first = await run('DashboardPageNetwork', { scope });
      const { period, previousPeriod } = first.dashboard.network;
      const rest = (list, cursor) => {
        const page = first.dashboard.network[list];
        return page.pageInfo.hasNextPage
          ? allPages('DashboardPageNetwork', { scope }, options, (d) => d.dashboard.network[list], cursor, 19, page.pageInfo.endCursor)
            .then((more) => ({ items: [...page.nodes, ...more.items], complete: more.complete }))
          : { items: page.nodes, complete: true };
      };
      const [nodes, edges] = await Promise.all([rest('nodes', 'nodesAfter'), rest('edges', 'edgesAfter')]);
      const byId = new Map(nodes.items.map((n) => [n.id, n]));
      const degree = new Map(nodes.items.map((n) => [n.id, 0]));
      for (const e of edges.items) {
        degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
        degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
      }
      const isolated = (id) => degree.get(id) === 0;
      const figure = (key, kind = 'int') => ({
        figure: t[key], now: period[key], before: previousPeriod[key],
        change: period[key] === null || previousPeriod[key] === null ? null
          : kind === 'int' ? period[key] - previousPeriod[key] : Number((period[key] - previousPeriod[key]).toFixed(4)),
        kind,
      });
      const figures = [figure('nodeCount'), figure('edgeCount'), figure('density', 'share'), figure('componentCount'),
        figure('isolatedCount'), figure('largestComponentShare', 'share')];
      return {
        notes: nodes.complete && edges.complete ? [] : [t.partialGraph(nodes.items.length, period.nodeCount)],
        plotted: nodes.items.length,
        height: 520,
        option: nodes.items.length === 0 ? null : {
          tooltip: { formatter: (p) => (p.dataType === 'edge' ? `${byId.get(p.data.source)?.name} – ${byId.get(p.data.target)?.name}: ${t[p.data.kind]} (${p.data.value})` : `${p.data.name} (${t[p.data.kind]})`) },
          legend: [{ top: 0, data: [t.ORGANISATION, t.INITIATIVE], textStyle: { color: '#1a1a1a' } }],
          series: [{
            type: 'graph',
            top: 40,
            bottom: 20,
            layout: 'force',
            force: { repulsion: 600, edgeLength: [80, 160], gravity: 0.08, layoutAnimation: false },
            roam: true,
            categories: [{ name: t.ORGANISATION, itemStyle: { color: '#2171b5' } }, { name: t.INITIATIVE, itemStyle: { color: '#e08214' } }],
            data: nodes.items.map((n) => ({
              id: n.id, name: n.name, kind: n.kind, category: n.kind === 'ORGANISATION' ? 0 : 1,
              symbolSize: 10 + Math.min(20, 3 * (degree.get(n.id) ?? 0)),
              itemStyle: isolated(n.id) ? { borderColor: '#c00000', borderWidth: 3, color: '#ffffff' } : undefined,
              label: { show: true, fontSize: 11, color: isolated(n.id) ? '#c00000' : '#1a1a1a', width: 160, overflow: 'truncate' },
            })),
            links: edges.items.map((e) => ({ source: e.from, target: e.to, kind: e.kind, value: e.weight, lineStyle: { width: Math.min(6, e.weight), color: GREY, opacity: 0.6 } })),
          }],
        },
        tables: [
          {
            id: 'network-figures',
            caption: t.networkFigures,
            visible: true,
            columns: [{ key: 'figure', label: t.figure }, { key: 'now', label: t.thisYear, kind: 'share' }, { key: 'before', label: t.lastYear, kind: 'share' }, { key: 'change', label: t.change, kind: 'share' }],
            rows: figures,
          },
          {
            id: 'network-isolated',
            caption: t.isolated,
            visible: true,
            columns: [{ key: 'name', label: t.name }],
            rows: period.isolated.map((p) => ({ name: partyName(p) })),
          },
          {
            id: 'network-nodes',
            caption: t.nodeCount,
            columns: [{ key: 'name', label: t.name }, { key: 'kind', label: t.kind }, { key: 'ties', label: t.ties, kind: 'int' }],
            rows: nodes.items.map((n) => ({ name: n.name, kind: t[n.kind], ties: degree.get(n.id) ?? 0 })),
          },
          {
            id: 'network-edges',
            caption: t.edgeCount,
            columns: [{ key: 'from', label: t.from }, { key: 'to', label: t.to }, { key: 'kind', label: t.kind }, { key: 'weight', label: t.weight, kind: 'int' }],
            rows: edges.items.map((e) => ({ from: byId.get(e.from)?.name ?? e.from, to: byId.get(e.to)?.name ?? e.to, kind: t[e.kind], weight: e.weight })),
          },
        ],
      };
    },
  },
  {
    id: 'funding',
    title: (t) => t.funding,
    async load({ t, run, scope, year, options }) {
      const { dashboard } = await run('DashboardPageFunding', { scope });
      const { funding } = dashboard;
      // The Sankey needs the flows between the stages, which the totals do not hold: they come from the grants
      // benefiting the scope's regions (a grant for two regions once), as the funding totals count them.
      // A region includes the regions inside it, so only the outermost regions of an area or municipality are asked for.
      const outermost = (list) => list.filter((r) => !list.some((p) => p.id === r.parent?.id));
      const regions = dashboard.neighbourhood ? [dashboard.neighbourhood]
        : (dashboard.neighbourhoods.nodes.length ? dashboard.neighbourhoods.nodes
          : outermost((dashboard.area ?? dashboard.municipality).neighbourhoods.nodes));
      const pages = await Promise.all(regions.map((r) => allPages('DashboardPageGrants', { neighbourhood: r.id, year }, options, (d) => d.grants, 'after')));
      const grants = new Map(pages.flatMap((p) => p.items).map((g) => [g.identifier, g]));
      const links = new Map();
      const add = (from, to, amount) => {
        const key = `${from}\u0000${to}`;
        links.set(key, (links.get(key) ?? 0) + amount);
      };
      for (const g of grants.values()) {
        const funder = `f|${g.funder.name}`;
        const kind = `k|${t[g.recipient.__typename.toUpperCase()]}`;
        let left = cents(g.amountAwarded);
        for (const a of g.allocations) {
          const column = `c|${a.budgetLine?.iv3TaskField ?? t.outsideIv3}`;
          add(funder, column, cents(a.amount));
          add(column, kind, cents(a.amount));
          left -= cents(a.amount);
        }
        if (left > 0) {
          add(funder, `c|${t.noColumn}`, left);
          add(`c|${t.noColumn}`, kind, left);
        }
        const themes = g.themes.length ? g.themes.map((x) => x.name) : [t.noTheme];
        for (const theme of themes) add(kind, `t|${theme}`, cents(g.amountAwarded) / themes.length);
      }
      const flows = [...links].map(([key, value]) => {
        const [from, to] = key.split('\u0000');
        return { from, to, value };
      });
      const names = [...new Set(flows.flatMap((f) => [f.from, f.to]))];
      const stage = { f: t.funder, c: t.column, k: t.kind, t: t.theme };
      const show = (name) => name.slice(2);
      return {
        // A region with more grants than the page reads (20 pages) gives a partial diagram: say so, never hide it.
        notes: pages.every((p) => p.complete) ? [] : [t.partialSankey(grants.size, funding.grants)],
        plotted: euros(sum(flows.filter((f) => f.from.startsWith('f|')).map((f) => f.value))),
        height: Math.max(420, 30 * names.filter((n) => n.startsWith('t|')).length),
        option: flows.length === 0 ? null : {
          tooltip: { formatter: (p) => (p.dataType === 'edge' ? `${show(p.data.source)} → ${show(p.data.target)}: € ${euros(p.data.value)}` : show(p.name)) },
          series: [{
            type: 'sankey',
            left: 8, right: 230, top: 16, bottom: 16,
            nodeAlign: 'left',
            data: names.map((name) => ({ name })),
            links: flows.map((f) => ({ source: f.from, target: f.to, value: f.value })),
            label: { color: '#1a1a1a', width: 220, overflow: 'truncate', formatter: (p) => show(p.name) },
            lineStyle: { color: 'gradient', opacity: 0.35 },
            emphasis: { focus: 'adjacency' },
          }],
        },
        tables: [
          {
            id: 'funding-flows',
            caption: t.flows,
            columns: [{ key: 'stage', label: t.kind }, { key: 'from', label: t.from }, { key: 'to', label: t.to }, { key: 'amount', label: t.amount, kind: 'money' }],
            rows: flows.map((f) => ({ stage: `${stage[f.from[0]]} → ${stage[f.to[0]]}`, from: show(f.from), to: show(f.to), amount: euros(f.value) })),
          },
          {
            id: 'funding-funders',
            caption: t.byFunder,
            visible: true,
            columns: [{ key: 'funder', label: t.funder }, { key: 'awarded', label: t.awarded, kind: 'money' }, { key: 'grants', label: t.grants, kind: 'int' }],
            rows: funding.byFunder.map((f) => ({ funder: f.funder.name, awarded: f.amountAwarded, grants: f.grants })),
          },
          {
            id: 'funding-kinds',
            caption: t.byRecipientKind,
            columns: [{ key: 'kind', label: t.kind }, { key: 'awarded', label: t.awarded, kind: 'money' }, { key: 'grants', label: t.grants, kind: 'int' }],
            rows: funding.byRecipientKind.map((f) => ({ kind: t[f.kind], awarded: f.amountAwarded, grants: f.grants })),
          },
        ],
      };
    },
  },
  {
    id: 'review',
    title: (t) => t.review,
    async load({ t, run, scope, year }) {
      // The review reviews its own year: the scope's period is left out (and so counts one year in the cost).
      const { from, to, ...place } = scope;
      const { dashboard } = await run('DashboardPageReview', { scope: place, year });
      const review = dashboard.annualReview;
      const signal = (s, key) => count(s[key], s.suppressed);
      return {
        suppressedNote: review.signals.suppressed || review.signalsByTheme.some((s) => s.signals.suppressed) ? dashboard.smallCellThreshold : null,
        plotted: sum(review.ran.map((r) => Number(r.activities.value) + Number(r.activities.previous))),
        height: Math.max(360, 80 + review.ran.length * 34),
        option: review.ran.length === 0 ? null : {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { data: [String(year - 1), String(year)], textStyle: { color: '#1a1a1a' } },
          grid: { left: 200, right: 40, top: 40, bottom: 30 },
          xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#1a1a1a' } },
          yAxis: { type: 'category', data: review.ran.map((r) => r.theme.name).reverse(), axisLabel: { ...axisLabel, width: 190 } },
          series: [
            { type: 'bar', name: String(year - 1), data: review.ran.map((r) => Number(r.activities.previous)).reverse(), itemStyle: { color: '#9ecae1' }, label: { show: true, position: 'right', color: '#1a1a1a' } },
            { type: 'bar', name: String(year), data: review.ran.map((r) => Number(r.activities.value)).reverse(), itemStyle: { color: '#08519c' }, label: { show: true, position: 'right', color: '#1a1a1a' } },
          ],
        },
        tables: [
          {
            id: 'review-themes',
            caption: t.reviewThemes,
            columns: [{ key: 'theme', label: t.theme }, { key: 'now', label: t.thisYear, kind: 'int' }, { key: 'before', label: t.lastYear, kind: 'int' }, { key: 'change', label: t.change, kind: 'int' }],
            rows: review.ran.map((r) => ({ theme: r.theme.name, now: r.activities.value, before: r.activities.previous, change: r.activities.change })),
          },
          {
            id: 'review-totals',
            caption: t.reviewTotals,
            visible: true,
            columns: [{ key: 'figure', label: t.figure }, { key: 'now', label: t.thisYear, kind: 'int' }, { key: 'before', label: t.lastYear, kind: 'int' }, { key: 'change', label: t.change, kind: 'int' }],
            rows: [
              ...['activities', 'providers', 'reach'].map((k) => ({ figure: t[k], now: review[k].value, before: review[k].previous, change: review[k].change })),
              { figure: t.signals, now: signal(review.signals, 'value'), before: signal(review.signals, 'previous'), change: signal(review.signals, 'change') },
            ],
          },
          {
            id: 'review-signals',
            caption: t.reviewSignals,
            columns: [{ key: 'theme', label: t.theme }, { key: 'now', label: t.thisYear, kind: 'int' }, { key: 'before', label: t.lastYear, kind: 'int' }, { key: 'change', label: t.change, kind: 'int' }],
            rows: review.signalsByTheme.map((s) => ({ theme: s.theme.name, now: signal(s.signals, 'value'), before: signal(s.signals, 'previous'), change: signal(s.signals, 'change') })),
          },
        ],
      };
    },
  },
];
