import { isCommonPassword, passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['Russian (Cyrillic)', 'Съешь же ещё этих мягких французских булок'],
    ['Greek', 'κωδικόςπρόσβασης'],
    ['Japanese', '私のパスワードはとても長いです'],
    ['Arabic', 'كلمة المرور الخاصة بي طويلة'],
    ['Hindi (Devanagari, with combining marks)', 'मेरा पासवर्ड बहुत लंबा है'],
    ['Korean', '나의비밀번호는아주길어요'],
  ])('accepts a long passphrase in %s', (_script, password) => {
    expect(isCommonPassword(password)).toBe(false);
    expect(passwordProblem(password)).toBeUndefined();
  });

  it.each(['password123456', '!!qwerty2024!!', '123456789012', '!@#$%^&*()_+', '٠١٢٣٤٥٦٧٨٩٠١', 'PASSWORD123456'])(
    'still refuses %s: a listed word padded with digits and symbols, or no letters at all',
    (password) => {
      expect(isCommonPassword(password)).toBe(true);
      expect(passwordProblem(password)).toBe('password is too common; choose a less predictable one');
    },
  );

  it('accepts twelve lowercase letters that are not a listed word', () => {
    expect(passwordProblem('violettractor')).toBeUndefined();
  });
});
