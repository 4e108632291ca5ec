import { houseNameKey, scriptMixProblem } from './house-name';
import { scriptsOf } from './unicode-scripts';

describe('houseNameKey', () => {
  it('compares names without case', () => {
    expect(houseNameKey('WAREHOUSE-A')).toBe(houseNameKey('Warehouse-A'));
    expect(houseNameKey('Warehouse-A')).toBe('warehouse-a');
    expect(houseNameKey('STRASSE Ä')).toBe(houseNameKey('strasse ä'));
  });

  it('compares compatibility forms as the characters they stand for (NFKC)', () => {
    expect(houseNameKey('Ｗａｒｅｈｏｕｓｅ-A')).toBe(houseNameKey('warehouse-a'));
    expect(houseNameKey('Ｗａｒｅｈｏｕｓｅ－Ａ')).toBe('warehouse-a');
    expect(houseNameKey('ﬁne goods')).toBe('fine goods');
    // A precomposed letter and its decomposed spelling are one name.
    expect(houseNameKey('Caf\u00e9')).toBe(houseNameKey('Cafe\u0301'));
  });

  it('keeps names apart that only look alike across scripts (the script rule refuses those)', () => {
    expect(houseNameKey('W\u0430rehouse')).not.toBe(houseNameKey('Warehouse'));
  });

  it('is stable: the key of a key is the key, even where lowercasing un-normalises', () => {
    // İ lowercases to i + U+0307, which must be reordered before the combining mark below.
    const tricky = 'İ\u0316 Ｗ ﬁ Ω \u212b';
    expect(houseNameKey(tricky)).toBe(houseNameKey(tricky).normalize('NFKC'));
    expect(houseNameKey(houseNameKey(tricky))).toBe(houseNameKey(tricky));
  });
});

describe('scriptsOf', () => {
  it('names the scripts of the letters in order of first appearance, leaving out digits, spaces and punctuation', () => {
    expect(scriptsOf('Warehouse 12 (#3) - A/B’s')).toEqual(['Latin']);
    expect(scriptsOf('123 - #4')).toEqual([]);
    expect(scriptsOf('Склад Wαrehouse')).toEqual(['Cyrillic', 'Latin', 'Greek']);
    expect(scriptsOf('𐌀𐌁')).toEqual(['Old Italic']);
  });
});

describe('scriptMixProblem', () => {
  it.each([
    ['Latin only', 'Warehouse-A'],
    ['Latin with accents', 'Entrepôt Ærø'],
    ['Cyrillic only', 'Склад-1'],
    ['Greek only', 'Αποθήκη 3'],
    ['Japanese: Han, Hiragana, Katakana and Latin', '東京の倉庫 カタカナ A-1'],
    ['Chinese with Bopomofo and Latin', '倉庫 ㄅㄆ B'],
    ['Korean: Hangul, Han and Latin', '서울 倉庫 C'],
    ['Hiragana and Katakana without Han', 'ひらがな カタカナ'],
    ['digits and punctuation only', '42 (#7)'],
  ])('accepts %s', (_, name) => {
    expect(scriptMixProblem(name)).toBeUndefined();
  });

  it('refuses Latin with Cyrillic look-alikes, naming both scripts', () => {
    expect(scriptMixProblem('Wаrehouse-А')).toBe('mixes Latin and Cyrillic letters');
  });

  it('refuses Greek with Latin', () => {
    expect(scriptMixProblem('Αlpha store')).toBe('mixes Greek and Latin letters');
  });

  it('refuses mixes outside the CJK combinations, naming every script', () => {
    expect(scriptMixProblem('Склад Wαrehouse')).toBe('mixes Cyrillic, Latin and Greek letters');
    expect(scriptMixProblem('서울 カタカナ')).toBe('mixes Hangul and Katakana letters');
    expect(scriptMixProblem('倉庫 ㄅ カ')).toBe('mixes Han, Bopomofo and Katakana letters');
  });

  it('counts a script’s own digits as that script, but not the shared digits and punctuation', () => {
    expect(scriptMixProblem('Store ٣')).toBe('mixes Latin and Arabic letters');
    expect(scriptMixProblem('Store 3 - ・')).toBeUndefined();
  });
});
