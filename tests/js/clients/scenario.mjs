import { format } from 'node:util';

// The three front ends' journeys, the same for every client: each client script supplies `connect(token)`, which
// returns { query(name, variables), mutate(name, variables), twoPages(name, variables, path) } over its own cache,
// and the checks below run on what comes back. Every selection lives in the .graphql files of tests/clients; the
// checks read a few fields of the answers (IDs, statuses, money, counts) and name operations, never build documents.
// Usage of a client script: node clients/<client>.mjs <url>, with CLIENTS_COORDINATOR_TOKEN and
// CLIENTS_OFFICIAL_TOKEN set. Prints one line per check, then "N passed, N failed"; exit 0 = none failed.

export function arguments_(script) {
  const url = process.argv[2];
  const coordinator = process.env.CLIENTS_COORDINATOR_TOKEN;
  const official = process.env.CLIENTS_OFFICIAL_TOKEN;
  if (!url || process.argv.length > 3 || !/^https?:\/\//.test(url) || !coordinator || !official) {
    console.error(`usage: CLIENTS_COORDINATOR_TOKEN=… CLIENTS_OFFICIAL_TOKEN=… node clients/${script} <url>`);
    process.exit(2);
  }
  return { url, coordinator, official };
}

export function reporter() {
  let passed = 0;
  let failed = 0;
  return {
    check(name, ok, detail) {
      if (ok) { passed++; console.log(`ok    ${name}`); } else { failed++; console.log(`FAIL  ${name} -- ${detail}`); }
    },
    finish() {
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed === 0 && passed > 0 ? 0 : 1);
    },
  };
}

// A client that keeps console.warn and console.error to itself: any store or cache warning fails the run.
export function captureWarnings() {
  const warnings = [];
  for (const level of ['warn', 'error']) {
    const original = console[level];
    console[level] = (...args) => { warnings.push(`${level}: ${format(...args)}`); original.apply(console, args); };
  }
  return warnings;
}

const at = (data, path) => path.reduce((value, key) => value?.[key], data);
const ids = (connection) => connection?.edges?.map((e) => e.node.id) ?? [];

// Every journey; a step that throws fails its check and the journeys after it that need its result. Returns the IDs
// and the description it met, for a client's own checks on its cache.
export async function run(connect, tokens, { check }) {
  const seen = {};
  const step = async (name, body) => {
    try {
      const detail = await body();
      check(name, detail === true, detail);
      return detail === true;
    } catch (err) {
      check(name, false, `threw: ${err?.stack ?? err}`);
      return false;
    }
  };

  // (a) What's on in my neighbourhood, anonymous.
  const visitor = connect(null);
  await step("what's on: the themes", async () => {
    const data = await visitor.query('Themes', {});
    const themes = data.themes.edges.map((e) => e.node);
    return (themes.length > 0 && themes.every((t) => t.id && t.code && t.name && Number.isInteger(t.children.totalCount))) || JSON.stringify(data);
  });

  let activityId = null;
  await step("what's on: a neighbourhood's activities, two pages through edges/node/pageInfo and after", async () => {
    const { first, merged } = await visitor.twoPages('NeighbourhoodActivities', { cbsCode: 'BU05990325', first: 3 }, ['neighbourhood', 'activities']);
    const page = at(first, ['neighbourhood', 'activities']);
    activityId = ids(page)[0] ?? null;
    seen.activityId = activityId;
    const expected = Math.min(page.totalCount, 6);
    return (page.pageInfo.hasNextPage && ids(page).length === 3 && merged.length === expected && new Set(merged).size === expected
      && merged.slice(0, 3).join() === ids(page).join()
      && page.edges.every((e) => e.cursor && e.node.status && e.node.provider.name && ['Organisation', 'Initiative'].includes(e.node.provider.__typename)))
      || JSON.stringify({ first, merged });
  });

  await step("what's on: a deep link by region code and theme code in one request", async () => {
    const data = await visitor.query('ThemeInNeighbourhood', {
      cbsCode: 'BU05990325', themeCode: 'healthy-food', first: 20, activities: { neighbourhoodCode: 'BU05990325', themeCodes: ['healthy-food'] },
    });
    const nodes = data.activities.edges.map((e) => e.node);
    return (data.neighbourhood?.cbsCode === 'BU05990325' && data.theme?.code === 'healthy-food'
      && data.activities.totalCount > 0 && nodes.length === Math.min(data.activities.totalCount, 20)
      && nodes.every((n) => n.themes.some((t) => t.code === 'healthy-food')))
      || JSON.stringify(data);
  });

  await step("what's on: an activity's detail with its provider through Party", async () => {
    const data = await visitor.query('ActivityDetail', { id: activityId });
    const provider = data.activity?.provider;
    const ownFields = provider?.__typename === 'Organisation' ? typeof provider.kind === 'string' : typeof provider?.status === 'string';
    return (data.activity?.id === activityId && typeof data.activity.status === 'string' && ownFields
      && typeof data.activity.modifiedAt === 'string' && Array.isArray(data.activity.targetGroups)) || JSON.stringify(data);
  });

  await step("what's on: node(id:) refetches the activity", async () => {
    const data = await visitor.query('RefetchActivity', { id: activityId });
    return (data.node?.__typename === 'Activity' && data.node.id === activityId && typeof data.node.status === 'string') || JSON.stringify(data);
  });

  await step("what's on: what's next near me, the soonest first within 5 km", async () => {
    const point = { latitude: 51.845, longitude: 4.329 };
    const data = await visitor.query('WhatsNextNearMe', { ...point, filter: { statuses: ['ACTIVE'], near: { ...point, withinKm: 5 } }, first: 10 });
    const nodes = data.activities.edges.map((e) => e.node);
    const days = nodes.map((n) => n.nextOccursOn ?? '9999-12-31');
    return (nodes.length > 0 && data.activities.totalCount >= nodes.length
      && nodes.every((n) => typeof n.distanceKm === 'number' && n.distanceKm <= 5 && n.status === 'ACTIVE')
      && days.every((d, i) => i === 0 || days[i - 1] <= d)) || JSON.stringify(data);
  });

  // (b) A coordinator's app, signed in with a minted token.
  const coordinator = connect(tokens.coordinator);
  let initiativeId = null;
  await step("coordinator: the viewer and the initiatives they coordinate", async () => {
    const data = await coordinator.query('CoordinatorHome', {});
    initiativeId = data.viewer.coordinatedInitiatives[0]?.id ?? null;
    seen.initiativeId = initiativeId;
    return (data.viewer.isAuthenticated && data.viewer.role === 'COORDINATOR' && data.viewer.person?.id && initiativeId !== null) || JSON.stringify(data);
  });

  let version = null;
  await step("coordinator: an initiative with its activities and grants", async () => {
    const data = await coordinator.query('InitiativeOverview', { id: initiativeId });
    const initiative = data.initiative;
    version = initiative?.version ?? null;
    const grants = initiative?.grants.edges.map((e) => e.node) ?? [];
    const money = (m) => m === null || /^-?\d+\.\d{2}$/.test(m);
    return (initiative?.id === initiativeId && initiative.viewerCanEdit && Number.isInteger(version)
      && initiative.activities.edges.length > 0 && grants.length > 0
      && grants.every((g) => money(g.amountAppliedFor) && money(g.amountAwarded) && money(g.amountDisbursed) && g.funder.name))
      || JSON.stringify(data);
  });

  await step("coordinator: describeInitiative saves, and a stale version is a CONFLICT user error", async () => {
    const description = seen.description = `Updated by the outside clients suite at ${new Date().toISOString()}`;
    const saved = await coordinator.mutate('DescribeInitiative', { input: { id: initiativeId, expectedVersion: version, description } });
    const stale = await coordinator.mutate('DescribeInitiative', { input: { id: initiativeId, expectedVersion: version, description: 'stale' } });
    const again = await coordinator.query('InitiativeOverview', { id: initiativeId });
    return (saved.describeInitiative.userErrors.length === 0 && saved.describeInitiative.initiative.version === version + 1
      && stale.describeInitiative.initiative === null && stale.describeInitiative.userErrors.map((e) => e.code).join() === 'CONFLICT'
      && again.initiative.description === description && again.initiative.version === version + 1)
      || JSON.stringify({ saved, stale, again });
  });

  // (c) A municipal dashboard, signed in as an official.
  const official = connect(tokens.official);
  let municipalityId = null;
  await step('dashboard: the municipalities the official serves', async () => {
    const data = await official.query('OfficialHome', {});
    municipalityId = data.viewer.municipalities[0]?.id ?? null;
    return (data.viewer.role === 'MUNICIPAL_OFFICIAL' && municipalityId !== null) || JSON.stringify(data);
  });

  await step("dashboard: baseline, needs against offering and network of the municipality's year", async () => {
    const data = await official.query('MunicipalityDashboard', { scope: { municipality: municipalityId } });
    const dashboard = data.dashboard;
    const nodes = dashboard?.network.nodes.edges.map((e) => e.node) ?? [];
    return (dashboard?.municipality.id === municipalityId && dashboard.seesRecords
      && /^\d+$/.test(dashboard.baseline.totals.capacity) && /^\d+$/.test(dashboard.baseline.totals.reach)
      && dashboard.baseline.totals.activities > 0 && dashboard.baseline.cells.length > 0
      && nodes.length > 0 && nodes.every((n) => n.id !== n.party.id && n.name === n.party.name))
      || JSON.stringify(data);
  });
  return seen;
}

// Two pages fetched one after the other, for clients without a pagination helper: page one's IDs, then page two's.
export async function pageByPage(query, name, variables, path) {
  const first = await query(name, variables);
  const page = at(first, path);
  const second = await query(name, { ...variables, after: page.pageInfo.endCursor });
  return { first, merged: [...ids(page), ...ids(at(second, path))] };
}
