import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './run.ts';
import type { FanoutAtClients } from './fanout.ts';
import { ratioTo } from './stats.ts';

// The results of a run: the whole record as JSON (bench/results/<ISO date>.json) and a markdown
// summary (bench/results/latest.md) with every throughput beside the Kafka ceiling.

export function writeResults(dir: string, results: BenchResults): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${results.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  const markdown = join(dir, 'latest.md');
  writeFileSync(markdown, renderMarkdown(results, json));
  return { json, markdown };
}

const num = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-GB'));
const share = (n: number, ceiling: number | undefined): string => {
  const r = ratioTo(n, ceiling);
  return r === null ? '–' : `${(r * 100).toFixed(1)}%`;
};
const cpu = (cores: Record<string, number>): string => Object.entries(cores).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(', ');

/** CPU microseconds each process spent per event over the drain (cores × drain seconds / events). */
function cpuPerEvent(c: { cpuCores: Record<string, number>; drainSeconds: number; events: number }): string {
  return Object.entries(c.cpuCores).slice(0, 4)
    .map(([k, v]) => `${k} ${(v * c.drainSeconds * 1e6 / Math.max(1, c.events)).toFixed(1)} µs`).join(', ');
}

export function renderMarkdown(r: BenchResults, jsonFile: string): string {
  const ceiling = r.ceiling?.recordsPerSecond;
  const m = r.machine;
  const lines: string[] = [
    `# Tally benchmarks${r.quick ? ' (quick smoke run: small sizes, not comparable)' : ''}`,
    '',
    `Run ${r.startedAt} → ${r.finishedAt}, environment \`${r.environment}\`, full record: \`${jsonFile.split('/').slice(-3).join('/')}\`. Re-run with \`npm run bench\` (\`TALLY_ENV=bench\`).`,
    '',
    `Machine: ${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGb} GB RAM, Node ${m.node}, ${m.java}, Flink ${m.flink}, Kafka ${m.kafka}. ` +
      `Every service (Kafka, Flink JobManager/TaskManager/SQL Gateway, Postgres, the results page) and the load generators share this machine. ` +
      `Java processes on the machine: ${m.javaProcessesBefore} before, ${m.javaProcessesAfter ?? '?'} after (this stack has 4 when up; more means other stacks were running).`,
    '',
  ];
  if (r.ceiling) {
    lines.push('## 1. Ceiling: Kafka ProducerPerformance', '',
      `${num(r.ceiling.recordsPerSecond)} records/s, ${r.ceiling.mbPerSecond} MB/s (${num(r.ceiling.records)} records of ${r.ceiling.recordBytes} B, acks=all; avg latency ${r.ceiling.avgLatencyMs} ms), measured after a thrown-away warm-up run of ${num(r.ceiling.warmUp.records)} records (${num(r.ceiling.warmUp.recordsPerSecond)} records/s against the broker just started). Every rate below is shown as a share of this.`,
      '', `\`${r.ceiling.command}\``, '');
  }
  if (r.throughput) {
    lines.push('## 2. End-to-end throughput', '',
      `Sustained: **${num(r.throughput.sustainedRate)} votes/s** (${share(r.throughput.sustainedRate, ceiling)} of the ceiling): the highest step whose validate backlog (events on the votes topic − counted votes in Postgres − records on votes_rejected) stayed flat over its second half.`,
      '', '| target/s | produced/s | validated/s | of ceiling | backlog at end | backlog growth/s | sustained | screen p50 / p99 ms | busiest Flink vertex (busy, backpressured) | TaskManager heap used/max MB, GC ms/s | CPU cores |',
      '|---:|---:|---:|---:|---:|---:|:-:|---:|---|---|---|');
    for (const s of r.throughput.steps) {
      const top = s.busiestVertices[0];
      lines.push(`| ${num(s.targetRate)} | ${num(s.producedRate)} | ${num(s.validatedRate)} | ${share(s.validatedRate, ceiling)} | ${num(s.backlogAtEnd)} | ${num(s.backlogGrowthPerSecond)} | ${s.sustained ? 'yes' : 'no'} | ${num(s.screenDelayP50Ms)} / ${num(s.screenDelayP99Ms)} | ${top ? `${top.job}: ${top.vertex.slice(0, 50)} (${top.busy ?? '?'}, ${top.backpressured ?? '?'})` : '–'} | ${s.taskManagerHeap ? `${s.taskManagerHeap.heapUsedMb}/${s.taskManagerHeap.heapMaxMb}, ${s.taskManagerHeap.gcMsPerSecond}` : '–'} | ${cpu(s.cpuCores)} |`);
    }
    lines.push('');
  }
  if (r.simulator) {
    lines.push('### The simulator alone', '',
      `\`tally vote --rate 0\` into a topic no job reads: **${num(r.simulator.votesPerSecond)} votes/s** (${share(r.simulator.votesPerSecond, ceiling)} of the ceiling), ${num(r.simulator.votes)} votes; CPU: ${cpu(r.simulator.cpuCores)}.`, '');
  }
  if (r.count) {
    const c = r.count;
    const cp = c.checkpoint;
    lines.push('### The count alone, and the size of election it holds', '',
      `${num(c.voters)} voters, ${num(c.events)} events (votes plus chaos) written to the votes topic in ${c.fillSeconds} s with no job running; then the count job drained them. ` +
        `**${num(c.steadyEventsPerSecond)} events/s** steady (${share(c.steadyEventsPerSecond, ceiling)} of the ceiling), ${num(c.eventsPerSecond)} events/s over ${c.drainSeconds} s including the job's start; **${num(c.secondHalfEventsPerSecond)} events/s** (${share(c.secondHalfEventsPerSecond, ceiling)}) over the second half of the backlog, once the JIT has compiled the job (the TaskManager's C1 and C2 compiler threads used ${c.jitCpuSeconds} s of CPU from the deploy to the end).`,
      '',
      `- State after the election: ${cp ? `${num(cp.stateBytes)} B in a checkpoint of ${num(cp.checkpointedBytes)} B written in ${num(cp.durationMs)} ms: **${num(cp.bytesPerVoter)} B per voter**` : 'no checkpoint figures'}.`,
      `- TaskManager heap used/max MB, GC ms/s: ${c.heaps.map((h) => `${h.heapUsedMb}/${h.heapMaxMb}, ${h.gcMsPerSecond}`).join('; ') || '–'}.`,
      `- Busiest vertices half-way: ${c.busiestVertices.map((v) => `${v.vertex.slice(0, 60)} (busy ${v.busy ?? '?'}, backpressured ${v.backpressured ?? '?'})`).join('; ') || '–'}.`,
      `- CPU cores over the drain: ${cpu(c.cpuCores)}; CPU per event: ${cpuPerEvent(c)}.`,
      `- \`tally check\`: ${c.checksFailed.length === 0 ? 'all ok' : `FAILED: ${c.checksFailed.join('; ')}`}. \`tally recount\`: ${c.recountFailed === null ? 'not run' : c.recountFailed.length === 0 ? `all equal (${c.recountSeconds} s)` : `FAILED: ${c.recountFailed.join('; ')}`}.`,
      '');
  }
  if (r.latency) {
    lines.push('## 3. Vote-to-screen latency', '',
      'Measured client side: a plain `fetch` SSE client on `/events`; for each headline update, the time it was read minus the newest `cast_at` the update shows (`data-last-cast-at`). Same clock: everything runs on this machine. The server\'s figure (what the page displays: render time − newest cast_at) is shown beside it. First 5 s of each rate not counted.',
      '', '| rate/s | produced/s | updates | p50 ms | p99 ms | max ms | server p50 / p99 ms | backlog at end | CPU cores |', '|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const l of r.latency) {
      lines.push(`| ${num(l.rate)} | ${num(l.producedRate)} | ${l.updates} | ${num(l.p50Ms)} | ${num(l.p99Ms)} | ${num(l.maxMs)} | ${num(l.serverP50Ms)} / ${num(l.serverP99Ms)} | ${num(l.backlogAtEnd)} | ${cpu(l.cpuCores)} |`);
    }
    lines.push('');
  }
  if (r.registration) {
    lines.push('## 4. Registration', '',
      `${num(r.registration.voters)} voters into Postgres and the voters topic in ${r.registration.seconds} s: **${num(r.registration.votersPerSecond)} voters/s** (${share(r.registration.votersPerSecond, ceiling)} of the ceiling).`, '');
  }
  if (r.fanout) lines.push(...fanoutSection(r.fanout));
  const failed = Object.entries(r.failed);
  if (failed.length > 0) lines.push('## Did not finish', '', ...failed.map(([name, why]) => `- ${name}: ${why}`), '');
  return `${lines.join('\n')}\n`;
}

function fanoutSection(fanout: FanoutAtClients[]): string[] {
  const lines = ['## 5. Fan-out', '',
    'N browser-like SSE clients (gzip, as browsers ask) in forked processes (`child_process.fork`, up to 2,500 clients each) on one `tally ui` process, while 200 votes/s keep the page updating; one in ten sorted the regions table, whose panel holds a second stream that pushes their view (as on the page; nobody re-fetches it on a change). "Push to all": for each update every client received, last client\'s receive time − first client\'s. "Page writes": the page\'s own time to write each update to all its clients (the socket writes, from its /healthz); the rest of "push to all" is the clients reading on the same two cores. Page CPU and the client processes\' CPU are measured apart (from /proc).',
    '', '| clients | connected | failed | connect s | page RSS before / connected / updating MB | updates to all / seen | push to all p50 / p99 / max ms | page writes p50 / p99 ms | fragment requests (304) / p99 ms | slowest client vote-to-screen p50 / p99 ms | page CPU cores | clients CPU cores (processes) |',
    '|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|'];
  for (const f of fanout) {
    lines.push(`| ${num(f.clients)} | ${num(f.connected)} | ${num(f.failed)} | ${f.connectSeconds} | ${f.rssBeforeMb} / ${f.rssConnectedMb} / ${f.rssUnderUpdatesMb} | ${f.updatesToAll} / ${f.updates} | ${num(f.pushToAllP50Ms)} / ${num(f.pushToAllP99Ms)} / ${num(f.pushToAllMaxMs)} | ${num(f.pageWriteP50Ms ?? null)} / ${num(f.pageWriteP99Ms ?? null)} | ${num(f.fragmentRequests)} (${num(f.fragmentNotModified)}) / ${num(f.fragmentP99Ms)} | ${num(f.slowestClientDelayP50Ms)} / ${num(f.slowestClientDelayP99Ms)} | ${f.uiCpuCores} | ${f.clientsCpuCores ?? '–'} (${f.clientProcesses ?? 1}) |`);
  }
  lines.push('');
  const stormed = fanout.find((f) => f.reconnects);
  if (stormed?.reconnects) {
    const { restart, storm } = stormed.reconnects;
    lines.push('### Reconnects', '',
      `${num(stormed.connected)} connected clients that reconnect as EventSource does (after the jittered \`retry:\` delay the page sent each, 1–5 s, again until the page answers). Restart: the page process is stopped (SIGTERM) and started again (${restart.restartSeconds} s until healthy). Storm: every client drops its stream and reconnects at a random moment within ${storm.windowMs} ms. "Back": a new stream delivered the full state; times from the drop.`,
      '', '| | back | all back after s | most back in one second | failed attempts | page RSS peak MB |', '|---|---:|---:|---:|---:|---:|',
      `| restart | ${num(restart.back)} / ${num(restart.clients)} | ${restart.allBackSeconds ?? 'not all'} | ${num(restart.peakPerSecond)} | ${num(restart.failedAttempts)} (refused while down) | ${restart.rssPeakMb} |`,
      `| storm | ${num(storm.back)} / ${num(storm.clients)} | ${storm.allBackSeconds ?? 'not all'} | ${num(storm.peakPerSecond)} | ${num(storm.failedAttempts)} | ${storm.rssPeakMb} |`, '');
  }
  return lines;
}
