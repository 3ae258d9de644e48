import type { TallyTables } from './resultsView.ts';
import type { OperationsStatus, ReaderStatus, RegistryFigures } from './liveTypes.ts';
import type { PollingDayStatus } from './pollingDayPoller.ts';
import { regionCountState, type RegionCountState } from './regionCount.ts';
import { ScreenDelay } from './screenDelay.ts';

// Everything the page shows, computed from the tally tables and the register: pure, so it is
// easy to test, and the same object is served as /api/results.

export interface CandidateResult {
  candidate_id: string;
  name: string;
  party_id: string;
  party_name: string;
  color: string;
  photo_url: string;
  votes: number;
  /** votes / all counted votes, 0..1 */
  share: number;
}

export interface LeaderSummary {
  candidate: CandidateResult;
  runnerUp: CandidateResult | null;
  /** Votes ahead of the runner-up (0 when tied). */
  marginOverSecond: number;
  tied: boolean;
}

export interface PartyResult { party_id: string; name: string; color: string; votes: number; share: number }

export interface RegionLeader { candidate_id: string; name: string; party_id: string; color: string; votes: number }

export interface RegionResult {
  region_id: string;
  name: string;
  registered_voters: number;
  votes: number;
  /** 0..1, or null when the region has no registered voters. */
  turnout: number | null;
  leader: RegionLeader | null;
  /** Whether the region's count is complete, reporting, or has no votes yet (live/regionCount.ts). */
  count: RegionCountState;
}

export interface MinuteCount { minute_start: number; votes: number }
/** `reason` is one of model.ts REJECT_REASONS, or any other reason the pipeline wrote (as cleaned text). */
export interface RejectedCount { reason: string; events: number }

export interface Headline {
  registeredVoters: number | null;
  candidates: number | null;
  registryStale: boolean;
  registryRefreshedAt: number | null;
  votesCounted: number;
  /** votes counted / registered voters, 0..1; null while the register is unknown. */
  turnout: number | null;
  rejectedVotes: number;
  /** Newest cast_at counted anywhere (epoch ms). */
  lastCastAt: number | null;
  /** The vote-to-screen delay of recent updates (median, ms) while votes flow; null when they do not (see ScreenDelay). */
  delayMs: number | null;
  /** Whether newer votes arrived within the last 5 s. */
  votesFlowing: boolean;
}

export interface ResultsSnapshot {
  generatedAt: number;
  headline: Headline;
  leader: LeaderSummary | null;
  candidates: CandidateResult[];
  parties: PartyResult[];
  regions: RegionResult[];
  votesPerMinute: MinuteCount[];
  rejected: RejectedCount[];
  reader: ReaderStatus;
  operations: OperationsStatus;
  /** The polling day (polls open, closed, count caught up), or null when no election night is recorded. */
  polls: PollingDayStatus | null;
}

export interface SnapshotInputs {
  tables: TallyTables;
  registry: RegistryFigures;
  operations: OperationsStatus;
  reader: ReaderStatus;
  now: number;
  /** The page's delay tracker, kept across snapshots; a fresh one (one sample) when absent. */
  delay?: ScreenDelay;
  /** The polling day; null (the default) when none is known. */
  polls?: PollingDayStatus | null;
}

const FALLBACK_COLOR = '#6b7280';
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Everything the page shows (see ResultsSnapshot), from the tallies, the register and the polling day; pure. */
export function buildResultsSnapshot({ tables, registry, operations, reader, now, delay, polls = null }: SnapshotInputs): ResultsSnapshot {
  const colorOf = partyColors(tables, registry);
  const candidates = candidateResults(tables, colorOf);
  const votesCounted = candidates.reduce((sum, c) => sum + c.votes, 0);
  const lastCastAt = newestCastAt(tables);
  const screenDelay = delay ?? new ScreenDelay();
  screenDelay.observe(lastCastAt, now);
  const rejected = [...tables.rejected.values()]
    .map(({ reason, events }) => ({ reason, events }))
    .sort((a, b) => b.events - a.events || a.reason.localeCompare(b.reason));
  return {
    generatedAt: now,
    headline: {
      registeredVoters: registry.registeredVoters,
      candidates: registry.candidates,
      registryStale: registry.stale,
      registryRefreshedAt: registry.refreshedAt,
      votesCounted,
      turnout: registry.registeredVoters ? votesCounted / registry.registeredVoters : null,
      rejectedVotes: rejected.reduce((sum, r) => sum + r.events, 0),
      lastCastAt,
      delayMs: screenDelay.delayMs(now),
      votesFlowing: screenDelay.flowing(now),
    },
    leader: leaderOf(candidates),
    candidates,
    parties: partyResults(tables, registry, colorOf),
    regions: regionResults(tables, registry, colorOf).map((r) => ({ ...r, count: regionCountState(r.registered_voters, r.votes, polls) })),
    votesPerMinute: [...tables.votesPerMinute.values()]
      .map(({ minute_start, votes }) => ({ minute_start, votes }))
      .sort((a, b) => a.minute_start - b.minute_start),
    rejected,
    reader,
    operations,
    polls,
  };
}

/** Colours from the party tally, then the register; anything not a #rrggbb colour is ignored. */
function partyColors(tables: TallyTables, registry: RegistryFigures): (partyId: string) => string {
  const colors = new Map<string, string>();
  for (const p of registry.parties) if (HEX_COLOR.test(p.color)) colors.set(p.party_id, p.color);
  for (const p of tables.parties.values()) if (HEX_COLOR.test(p.color)) colors.set(p.party_id, p.color);
  return (partyId) => colors.get(partyId) ?? FALLBACK_COLOR;
}

const byVotesThenName = <T extends { votes: number; name: string }>(a: T, b: T): number =>
  b.votes - a.votes || a.name.localeCompare(b.name);

function share(votes: number, total: number): number {
  return total > 0 ? votes / total : 0;
}

function candidateResults(tables: TallyTables, colorOf: (partyId: string) => string): CandidateResult[] {
  const rows = [...tables.candidates.values()];
  const total = rows.reduce((sum, r) => sum + r.votes, 0);
  return rows
    .map((r) => ({
      candidate_id: r.candidate_id,
      name: r.candidate_name,
      party_id: r.party_id,
      party_name: r.party_name,
      color: colorOf(r.party_id),
      photo_url: r.photo_url,
      votes: r.votes,
      share: share(r.votes, total),
    }))
    .sort(byVotesThenName);
}

function leaderOf(sorted: CandidateResult[]): LeaderSummary | null {
  const [first, second] = sorted;
  if (!first || first.votes === 0) return null;
  const marginOverSecond = first.votes - (second?.votes ?? 0);
  return { candidate: first, runnerUp: second ?? null, marginOverSecond, tied: second !== undefined && marginOverSecond === 0 };
}

function partyResults(tables: TallyTables, registry: RegistryFigures, colorOf: (partyId: string) => string): PartyResult[] {
  const names = new Map(registry.parties.map((p) => [p.party_id, p.name]));
  const rows = [...tables.parties.values()];
  const total = rows.reduce((sum, r) => sum + r.votes, 0);
  return rows
    .map((r) => ({ party_id: r.party_id, name: r.party_name || (names.get(r.party_id) ?? r.party_id), color: colorOf(r.party_id), votes: r.votes, share: share(r.votes, total) }))
    .sort(byVotesThenName);
}

/** Every region known to the register or the tallies, with its turnout and leading candidate. */
function regionResults(tables: TallyTables, registry: RegistryFigures, colorOf: (partyId: string) => string): Omit<RegionResult, 'count'>[] {
  const leaders = new Map<string, RegionLeader>();
  for (const r of tables.regionCandidates.values()) {
    const current = leaders.get(r.region_id);
    const better = !current || r.votes > current.votes || (r.votes === current.votes && r.candidate_name.localeCompare(current.name) < 0);
    if (better) leaders.set(r.region_id, { candidate_id: r.candidate_id, name: r.candidate_name, party_id: r.party_id, color: colorOf(r.party_id), votes: r.votes });
  }
  const regions = new Map<string, Omit<RegionResult, 'count'>>();
  for (const r of registry.regions) {
    regions.set(r.region_id, { region_id: r.region_id, name: r.name, registered_voters: r.registered_voters, votes: 0, turnout: r.registered_voters > 0 ? 0 : null, leader: null });
  }
  for (const t of tables.turnout.values()) {
    const known = regions.get(t.region_id);
    const registered = t.registered_voters || known?.registered_voters || 0;
    regions.set(t.region_id, {
      region_id: t.region_id,
      name: t.region_name || known?.name || t.region_id,
      registered_voters: registered,
      votes: t.votes,
      turnout: registered > 0 ? t.votes / registered : null,
      leader: null,
    });
  }
  for (const [regionId, leader] of leaders) {
    const region = regions.get(regionId) ?? { region_id: regionId, name: regionId, registered_voters: 0, votes: 0, turnout: null, leader: null };
    regions.set(regionId, { ...region, leader: leader.votes > 0 ? leader : null });
  }
  return [...regions.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function newestCastAt(tables: TallyTables): number | null {
  let newest: number | null = null;
  const consider = (t: number): void => { if (t > 0 && (newest === null || t > newest)) newest = t; };
  for (const r of tables.candidates.values()) consider(r.last_cast_at);
  for (const r of tables.parties.values()) consider(r.last_cast_at);
  for (const r of tables.regionCandidates.values()) consider(r.last_cast_at);
  for (const r of tables.turnout.values()) consider(r.last_cast_at);
  for (const r of tables.votesPerMinute.values()) consider(r.last_cast_at);
  return newest;
}
