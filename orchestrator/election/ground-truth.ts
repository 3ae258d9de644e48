import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChaosEvent } from './chaos.ts';
import type { Candidate, RejectReason } from '../../shared/election/model.ts';
import { REJECT_REASONS } from '../../shared/election/model.ts';
import { judgeEvent, MAX_EVENT_CHARS, REASON_PRECEDENCE, type Register, type Verdict } from './vote-rules.ts';

// What the pipeline must end up with for the events one simulator run produced: every event is
// judged by the reference rules (vote-rules.ts) in the order it was produced, so the expected
// tallies and rejections can be compared with what Flink computed.

export interface RejectedEvent {
  reason: RejectReason;
  /** The chaos kind the simulator injected, or null for a real vote that turned out invalid. */
  injected_as: string | null;
  variant: string | null;
  key: string;
  payload: string;
}

export interface GroundTruthFile {
  generated_at: string;
  topic: string;
  rules: { max_event_chars: number; precedence: readonly RejectReason[]; counted: string };
  events_produced: number;
  total_valid: number;
  by_candidate: Record<string, number>;
  by_region_candidate: Record<string, Record<string, number>>;
  by_party: Record<string, number>;
  rejected_by_reason: Record<RejectReason, number>;
  rejected: RejectedEvent[];
  /** Injected events whose judged reason differs from the kind injected (should be empty). */
  surprises: RejectedEvent[];
}

export class GroundTruth {
  readonly counted = new Map<string, string>();
  private readonly partyOf: Map<string, string>;
  private readonly byCandidate = new Map<string, number>();
  private readonly byRegionCandidate = new Map<string, Map<string, number>>();
  private readonly byParty = new Map<string, number>();
  private readonly rejected: RejectedEvent[] = [];
  private readonly surprises: RejectedEvent[] = [];
  private readonly byReason = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
  private produced = 0;

  constructor(candidates: readonly Candidate[], private readonly register: Register) {
    this.partyOf = new Map(candidates.map((c) => [c.candidate_id, c.party_id]));
  }

  /**
   * Judges the next event produced (in partition order) and books it. `value`: the object the
   * payload is the JSON of, when the caller built it (see judgeEvent).
   */
  record(key: string, payload: string, injected: ChaosEvent | null = null, value?: object): Verdict {
    this.produced++;
    const verdict = judgeEvent(payload, this.register, this.counted, value);
    if (verdict.valid) {
      const { candidate_id, region_id } = verdict.vote;
      increment(this.byCandidate, candidate_id);
      const region = this.byRegionCandidate.get(region_id) ?? new Map<string, number>();
      this.byRegionCandidate.set(region_id, region);
      increment(region, candidate_id);
      increment(this.byParty, this.partyOf.get(candidate_id) ?? 'unknown');
      return verdict;
    }
    const event: RejectedEvent = { reason: verdict.reason, injected_as: injected?.kind ?? null, variant: injected?.variant ?? null, key, payload };
    this.byReason[verdict.reason]++;
    this.rejected.push(event);
    if (injected && injected.kind !== verdict.reason) this.surprises.push(event);
    return verdict;
  }

  get totalValid(): number {
    return this.counted.size;
  }

  get rejectedByReason(): Readonly<Record<RejectReason, number>> {
    return this.byReason;
  }

  toFile(topic: string, now = new Date()): GroundTruthFile {
    return {
      generated_at: now.toISOString(),
      topic,
      rules: { max_event_chars: MAX_EVENT_CHARS, precedence: REASON_PRECEDENCE, counted: 'the first valid vote per voter, in partition order' },
      events_produced: this.produced,
      total_valid: this.counted.size,
      by_candidate: Object.fromEntries(this.byCandidate),
      by_region_candidate: Object.fromEntries([...this.byRegionCandidate].map(([region, m]) => [region, Object.fromEntries(m)])),
      by_party: Object.fromEntries(this.byParty),
      rejected_by_reason: { ...this.byReason },
      rejected: this.rejected,
      surprises: this.surprises,
    };
  }
}

/** Writes the simulator's ground truth (expected tallies and rejections) as JSON to `file`, creating its folder. */
export function writeGroundTruth(file: string, truth: GroundTruthFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(truth, null, 1)}\n`);
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
