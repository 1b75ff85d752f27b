import { DomainError } from '../errors/domain-error';
import { edgeInputRefusal } from './edge-input';

describe('edgeInputRefusal', () => {
  it.each([
    ['a NUL in a nested string', { trip: { title: ['ok', 'a\u0000b'] } }],
    ['a lone high surrogate', { email: '\ud800x@a.test' }],
    ['a lone low surrogate', { email: 'x\udc00' }],
    ['a NUL in a key', { ['a\u0000']: 1 }],
    ['a __proto__ key', JSON.parse('{"a": {"__proto__": {"x": 1}}}')],
    ['a constructor key', { constructor: 1 }],
  ])('refuses %s', (_name, value) => {
    expect(edgeInputRefusal(value)).toEqual(expect.any(DomainError));
  });

  it.each([
    ['emoji (paired surrogates)', { title: 'Kick-off 👩🏽‍💻🚀' }],
    ['RTL text', { title: 'رحلة عمل \u202Eevil' }],
    ['numbers, booleans and null', { a: 1, b: true, c: null, d: [1.5, -1] }],
    ['undefined (no body)', undefined],
  ])('accepts %s', (_name, value) => {
    expect(edgeInputRefusal(value)).toBeUndefined();
  });
});
