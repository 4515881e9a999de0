/**
 * How fast due dates are computed, measured twice over 100,000 seeded questions, each after a
 * warm-up that fills the year tables and lets the JIT settle:
 *  1. the calendar arithmetic alone: start dates across 2024–2030, N working days (1..30) or N
 *     calendar days rolled forward to a working day (1..60);
 *  2. end to end as the step activities do it: the effective rule from the rule book, then
 *     computeDeadline with its full explanation (rule, source, skipped days, due instant).
 *
 *   npx tsx bench/due-dates.ts [count=100000]
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_COVERED_YEARS, WorkingCalendar } from '../domain/calendar';
import { computeDeadline } from '../domain/deadlines/deadline-computation';
import { ruleBook } from '../rules/rule-book';

const COUNT = Number(process.argv[2] ?? 100_000);
const WARM_UP = 10_000;
const DAY_MS = 86_400_000;

/** A 32-bit linear congruential generator: the same seed gives the same dates on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

interface DueDateQuestion {
  from: string;
  n: number;
  unit: 'WORKING_DAYS' | 'CALENDAR_DAYS';
}

const random = seededRandom(20_261_122);
const firstStart = Date.UTC(2024, 0, 1);
const startSpan = (Date.UTC(2030, 11, 31) - firstStart) / DAY_MS + 1;
const questions: DueDateQuestion[] = Array.from({ length: COUNT }, () => {
  const from = new Date(firstStart + Math.floor(random() * startSpan) * DAY_MS).toISOString().slice(0, 10);
  return random() < 0.7
    ? { from, n: 1 + Math.floor(random() * 30), unit: 'WORKING_DAYS' }
    : { from, n: 1 + Math.floor(random() * 60), unit: 'CALENDAR_DAYS' };
});

const calendar = new WorkingCalendar({ overrides: [], coveredYears: DEFAULT_COVERED_YEARS });

/** Answers every question; the checksum keeps the work observable and shows the run is deterministic. */
function answer(batch: readonly DueDateQuestion[]): number {
  let checksum = 0;
  for (const { from, n, unit } of batch) {
    const result =
      unit === 'WORKING_DAYS'
        ? calendar.addWorkingDays(from, n)
        : calendar.addCalendarDays(from, n, { rollForwardToWorkingDay: true });
    checksum =
      (checksum * 31 + result.date.charCodeAt(8) * 10 + result.date.charCodeAt(9) + result.skipped.length) >>>
      0;
  }
  return checksum;
}

answer(questions.slice(0, Math.min(WARM_UP, COUNT)));

const started = performance.now();
const checksum = answer(questions);
const elapsedMs = performance.now() - started;

const perSecond = Math.round((COUNT / elapsedMs) * 1000);
console.log(
  `due dates: ${COUNT.toLocaleString('en')} in ${elapsedMs.toFixed(0)} ms → ${perSecond.toLocaleString('en')} per second` +
    ` (checksum ${checksum})`,
);

const RULE_KEYS = ['CRA.D2', 'CRA.D3', 'CRA.D6', 'CRA.D8', 'CRA.D9', 'CRA.D11', 'CRA.D13', 'CRA.LIMIT'];
const deadlineInputs = questions.map(({ from }, index) => {
  // The adult rehabilitation rules exist from 2025-03-01; earlier start dates move to 2028 (a leap year, so 29 February stays valid).
  const startDate = from < '2025-07-01' ? `2028${from.slice(4)}` : from;
  const rule = ruleBook.effectiveRule(RULE_KEYS[index % RULE_KEYS.length] as string, startDate);
  return { rule, startDate, openedAt: `${startDate}T03:00:00.000Z` };
});

function computeAll(batch: typeof deadlineInputs): number {
  let sum = 0;
  for (const input of batch) {
    const { dueDate, explanation } = computeDeadline(input, calendar);
    sum = (sum * 31 + dueDate.charCodeAt(9) + explanation.skipped.length) >>> 0;
  }
  return sum;
}

computeAll(deadlineInputs.slice(0, Math.min(WARM_UP, COUNT)));
const deadlinesStarted = performance.now();
const deadlineChecksum = computeAll(deadlineInputs);
const deadlinesMs = performance.now() - deadlinesStarted;
console.log(
  `due dates with explanations (computeDeadline, rule resolved beforehand): ${COUNT.toLocaleString('en')} in ${deadlinesMs.toFixed(0)} ms` +
    ` → ${Math.round((COUNT / deadlinesMs) * 1000).toLocaleString('en')} per second (checksum ${deadlineChecksum})`,
);
