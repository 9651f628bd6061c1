/**
 * The help finder 「困ったときは」 as pure functions: the steps of a situation (start, then one
 * step per answer, at most two questions deep), what a step shows (the next question, or the
 * windows for the answers so far), and where the several-situations form leads. Each situation is
 * one page whose steps are sections reached by in-page links (`/help/kaigo#a_family_yes`), so the
 * whole finder works without JavaScript and, once a situation page is saved, offline. No I/O: the
 * pages, the on-demand redirect and the service worker all follow these rules.
 */
import type { HelpFinder, HelpSituation } from './schema.ts';

/** A step of the finder: the situation and the answers given so far (option ids, in order). */
export interface HelpStep {
  situation: HelpSituation;
  answers: string[];
}

/** Localized text as stored in content. */
type Localized = { ja: string; en: string; easy: string };

/** What a finder page shows. */
export interface HelpView {
  /** The question to answer next, or null when every question is answered. */
  nextQuestion: HelpSituation['questions'][number] | null;
  /** The answers given, with their questions (for the summary and "change" links). */
  answered: {
    question: HelpSituation['questions'][number];
    option: HelpSituation['questions'][number]['options'][number];
  }[];
  /** Windows for the answers so far (the situation's own list before any answer), most relevant first. */
  windows: string[];
  /** Advice attached to the answers. */
  notes: Localized[];
}

/** Every step of a situation: no answer yet, then each first answer, then each pair of answers. */
export function situationSteps(situation: HelpSituation): HelpStep[] {
  const steps: HelpStep[] = [{ situation, answers: [] }];
  const [first, second] = situation.questions;
  for (const a1 of first?.options ?? []) {
    steps.push({ situation, answers: [a1.id] });
    for (const a2 of second?.options ?? []) steps.push({ situation, answers: [a1.id, a2.id] });
  }
  return steps;
}

/** Every step of every situation. */
export function allSteps(finder: HelpFinder): HelpStep[] {
  return finder.situations.flatMap(situationSteps);
}

/** The id of a step's section: `start`, `a_family`, `a_family_yes` (ids never contain `_`). */
export function stepAnchor(answers: readonly string[]): string {
  return answers.length === 0 ? 'start' : `a_${answers.join('_')}`;
}

/** The locale-free address of a step: `/help/kaigo`, `/help/kaigo#a_family_yes`. */
export function stepHref(situationId: string, answers: readonly string[] = []): string {
  return answers.length === 0 ? `/help/${situationId}` : `/help/${situationId}#${stepAnchor(answers)}`;
}

/** Merge window lists: the latest answer's windows first, then earlier ones, without duplicates. */
function mergeWindows(lists: readonly (readonly string[])[]): string[] {
  const result: string[] = [];
  for (const list of [...lists].reverse()) for (const id of list) if (!result.includes(id)) result.push(id);
  return result;
}

/**
 * What the page for a step shows.
 * @throws when an answer id does not belong to its question
 */
export function viewStep(step: HelpStep): HelpView {
  const { situation, answers } = step;
  if (answers.length > situation.questions.length) throw new Error(`Too many answers for ${situation.id}`);
  const answered = answers.map((answerId, index) => {
    const question = situation.questions[index];
    const option = question?.options.find((candidate) => candidate.id === answerId);
    if (!question || !option) throw new Error(`Unknown answer ${answerId} for ${situation.id}`);
    return { question, option };
  });
  return {
    nextQuestion: situation.questions[answers.length] ?? null,
    answered,
    windows: answered.length === 0 ? [...situation.windows] : mergeWindows(answered.map((a) => a.option.windows)),
    notes: answered.flatMap(({ option }) => (option.note ? [option.note] : [])),
  };
}

/** Where the several-situations form leads, as a locale-free path. */
export type FindTarget = '/help/choose' | '/help/several' | `/help/${string}`;

/**
 * The page for the situations ticked in the form: none → the form again with a message; one →
 * that situation's questions; several → the window that takes every problem at once (断らない相談).
 * Unknown ids are ignored; duplicates count once.
 */
export function findTarget(selected: readonly string[], situationIds: readonly string[]): FindTarget {
  const chosen = [...new Set(selected.filter((id) => situationIds.includes(id)))];
  if (chosen.length === 0) return '/help/choose';
  if (chosen.length === 1) return `/help/${chosen[0]}`;
  return '/help/several';
}
