import { nestsDeeperThan } from './json-body';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects together', () => {
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ text: '[[[[{{{{"\\"[[[[' }), 1)).toBe(false);
  });

  it('finds 3,000 levels without recursion', () => {
    expect(nestsDeeperThan('['.repeat(3000) + ']'.repeat(3000), 32)).toBe(true);
  });
});
