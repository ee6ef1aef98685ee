// Writes the character-to-reading table the member search folds Chinese names with (MemberCards.Members.Pinyin),
// from pinyin-pro's dictionary. One line per reading, "reading<TAB>characters"; after a line "[surname]", the
// characters whose reading as a family name differs (单 shan, 曾 zeng, 解 xie …), in pinyin-pro's surname mode.
// Usage: node generate-table.mjs <output file>
import { writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';

const ranges = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0x3007, 0x3007]];
const common = new Map();
const surname = new Map();
const add = (table, reading, c) => table.set(reading, (table.get(reading) ?? '') + c);

for (const [first, last] of ranges) {
  for (let code = first; code <= last; code++) {
    const c = String.fromCodePoint(code);
    const reading = pinyin(c, { toneType: 'none', v: true });
    if (!/^[a-z]+$/.test(reading)) {
      continue;
    }
    add(common, reading, c);
    const asSurname = pinyin(c, { toneType: 'none', v: true, surname: 'head' });
    if (asSurname !== reading && /^[a-z]+$/.test(asSurname)) {
      add(surname, asSurname, c);
    }
  }
}

const lines = (table) => [...table].sort(([a], [b]) => (a < b ? -1 : 1)).map(([reading, chars]) => `${reading}\t${chars}`);
writeFileSync(process.argv[2], [...lines(common), '[surname]', ...lines(surname), ''].join('\n'));
