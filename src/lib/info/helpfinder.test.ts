/**
 * The help finder's rules on the real content: at most two questions, a page per answer, the
 * latest answer's windows first, several situations → the 断らない相談 window.
 */
import { describe, expect, it } from 'vitest';
import { readContentJson } from './content-files.ts';
import { allSteps, findTarget, stepAnchor, stepHref, viewStep } from './helpfinder.ts';
import { helpFinderSchema } from './schema.ts';

const finder = helpFinderSchema.parse(readContentJson('helpfinder/situations.json'));
const ids = finder.situations.map((s) => s.id);
const situation = (id: string) => finder.situations.find((s) => s.id === id)!;

describe('steps', () => {
  it('has a step for every situation and every answer combination, never deeper than two answers', () => {
    const steps = allSteps(finder);
    const hrefs = steps.map((step) => stepHref(step.situation.id, step.answers));
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(hrefs).toContain('/help/kaigo');
    expect(hrefs).toContain('/help/kaigo#a_family');
    expect(hrefs).toContain('/help/kaigo#a_family_yes');
    expect(hrefs).toContain('/help/idou#a_older');
    expect(hrefs).not.toContain('/help/idou#a_older_yes');
    expect(Math.max(...steps.map((step) => step.answers.length))).toBeLessThanOrEqual(2);
    expect(stepAnchor([])).toBe('start');
    for (const step of steps) expect(stepAnchor(step.answers)).toMatch(/^(start|a(_[a-z0-9-]+){1,2})$/);
  });

  it('asks the questions in order and ends with windows and notes', () => {
    const start = viewStep({ situation: situation('okane'), answers: [] });
    expect(start.nextQuestion?.id).toBe('urgent');
    expect(start.windows).toEqual(['hita-seikatsu', 'shiyakusho-fukushi']);

    const middle = viewStep({ situation: situation('okane'), answers: ['yes'] });
    expect(middle.nextQuestion?.id).toBe('debt');
    expect(middle.windows).toEqual(['hita-seikatsu', 'shiyakusho']);

    const end = viewStep({ situation: situation('okane'), answers: ['yes', 'yes'] });
    expect(end.nextQuestion).toBeNull();
    expect(end.windows[0]).toBe('hita-seikatsu');
    expect(end.windows).toContain('shiyakusho');
    expect(end.notes).toHaveLength(2);
  });

  it('puts the latest answer first', () => {
    const view = viewStep({ situation: situation('hikikomori'), answers: ['family', 'school'] });
    expect(view.windows).toEqual(['kyouiku-center', 'kodomo-katei', 'hita-seikatsu', 'shiyakusho-fukushi']);
  });

  it('rejects unknown answers and too many answers', () => {
    expect(() => viewStep({ situation: situation('kaigo'), answers: ['nobody'] })).toThrow(/Unknown answer/);
    expect(() => viewStep({ situation: situation('idou'), answers: ['older', 'yes'] })).toThrow(/Too many/);
  });

  it('ends every path with at least one window', () => {
    for (const step of allSteps(finder)) expect(viewStep(step).windows.length).toBeGreaterThan(0);
  });
});

describe('several situations', () => {
  it.each([
    [[], '/help/choose'],
    [['nonsense'], '/help/choose'],
    [['kaigo'], '/help/kaigo'],
    [['kaigo', 'kaigo'], '/help/kaigo'],
    [['kaigo', 'okane'], '/help/several'],
    [['kaigo', 'okane', 'nonsense'], '/help/several'],
  ])('%j → %s', (selected, expected) => {
    expect(findTarget(selected, ids)).toBe(expected);
  });
});
