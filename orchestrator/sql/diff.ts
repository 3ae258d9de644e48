// A small unified diff (LCS over lines) for showing how a job's rendered SQL changed in `tally plan`.

/**
 * A unified diff of two texts, line by line (longest common subsequence), as `tally plan` shows
 * how a job's rendered SQL changed.
 * @param labels - the names on the `---` and `+++` lines
 * @param context - unchanged lines shown around each change. Defaults to 3
 * @returns the diff, or '' when the texts are equal
 */
export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }, context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const ops = diffLines(a, b);
  if (ops.every((op) => op.kind === ' ')) return '';
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  const groups: [number, number][] = [];
  for (const index of changed) {
    const last = groups[groups.length - 1];
    if (last && index - last[1] <= 2 * context + 1) last[1] = index;
    else groups.push([index, index]);
  }
  for (const [firstChange, lastChange] of groups) {
    const hunk = ops.slice(Math.max(0, firstChange - context), Math.min(ops.length, lastChange + context + 1));
    const first = hunk[0]!;
    const aCount = hunk.filter((op) => op.kind !== '+').length;
    const bCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${first.aLine + (aCount === 0 ? 0 : 1)},${aCount} +${first.bLine + (bCount === 0 ? 0 : 1)},${bCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.text}`);
  }
  return out.join('\n');
}

interface DiffOp {
  kind: ' ' | '-' | '+';
  text: string;
  /** Lines of a / b consumed before this op (0-based positions). */
  aLine: number;
  bLine: number;
}

function diffLines(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i]!, aLine: i, bLine: j });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ kind: '-', text: a[i]!, aLine: i, bLine: j });
      i++;
    } else {
      ops.push({ kind: '+', text: b[j]!, aLine: i, bLine: j });
      j++;
    }
  }
  return ops;
}
