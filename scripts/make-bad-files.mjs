// Makes the bad-file corpus (tests/exchange_corpus) from good.json, one defect per file,
// and expected.json: the exact messages the app must give for each, written here by hand.
// Files that must get past the hash check are re-hashed the documented way (SHA-256 of
// the RFC 8785 canonical form of `content`, via the npm `canonicalize` package), which
// also proves that another implementation of the format can produce files we accept.
//
//   node scripts/make-bad-files.mjs
import { readFileSync, writeFileSync, readdirSync, unlinkSync } from 'node:fs';
import { contentHash, versionId } from './exchange-format.mjs';

const dir = new URL('../tests/exchange_corpus/', import.meta.url);
const good = JSON.parse(readFileSync(new URL('good.json', dir), 'utf8'));

const hashOf = contentHash;
const setId = good.content.sets[0].id;
const copy = () => structuredClone(good);
/** A changed file with a correct hash: only field checks can catch it. */
const rehashed = (change) => {
  const f = copy();
  change(f, f.content);
  f.hash = hashOf(f.content);
  return JSON.stringify(f, null, 1);
};
const invalid = (...lines) => [`Tệp có ${lines.length} lỗi; không có gì được nhập.`, ...lines];

const files = {};
const expected = {};
const add = (name, body, messages) => {
  files[name] = body;
  expected[name] = messages;
};

// --- refused before any field is read ---------------------------------------------------
add('01-empty.json', '', ['Tệp rỗng: không có dữ liệu nào.']);
{
  const text = JSON.stringify(good);
  add('02-truncated.json', text.slice(0, Math.floor(text.length / 2)), [
    'Tệp bị cắt cụt (kết thúc giữa chừng). Hãy nhờ người gửi gửi lại tệp.',
  ]);
}
add('03-not-json.json', 'Báo cáo kết quả xây dựng nông thôn mới\n', [
  'Tệp không đúng định dạng JSON (lỗi ở dòng 1, cột 1).',
]);
add('04-json-array.json', '[1, 2, 3]', [
  'Đây không phải tệp trao đổi của Sổ theo dõi Nông thôn mới.',
]);
add('05-other-format.json', JSON.stringify({ format: 'kobo-submission', data: [] }), [
  'Đây không phải tệp trao đổi của Sổ theo dõi Nông thôn mới.',
]);
add('06-newer-schema.json', rehashed((f) => { f.schema_version = 7; }), [
  'Tệp được tạo bởi phiên bản mới hơn của ứng dụng (định dạng 7). Hãy cập nhật ứng dụng rồi nhập lại.',
]);
add('07-version-as-text.json', rehashed((f) => { f.schema_version = '1'; }), [
  'Tệp không ghi rõ phiên bản định dạng (schema_version).',
]);
add('08-missing-hash.json', (() => { const f = copy(); delete f.hash; return JSON.stringify(f); })(), [
  'Tệp thiếu mã kiểm tra (hash): không thể biết tệp có bị sửa hay không.',
]);
add('09-altered-after-hashing.json', (() => {
  const f = copy();
  f.content.units[0].data.unit.name = 'Xã Thiệu Hóa (đã sửa)';
  return JSON.stringify(f);
})(), ['Mã kiểm tra không khớp: tệp đã bị sửa hoặc hỏng trên đường gửi. Hãy nhờ người gửi xuất lại.']);
add('10-value-changed-after-hashing.json', (() => {
  const f = copy();
  f.content.assessments[0].values['3.x1'].value.value.value = 100;
  return JSON.stringify(f);
})(), ['Mã kiểm tra không khớp: tệp đã bị sửa hoặc hỏng trên đường gửi. Hãy nhờ người gửi xuất lại.']);
add('11-trailing-garbage.json', JSON.stringify(good) + '\n}}', [
  'Tệp không đúng định dạng JSON (lỗi ở dòng 2, cột 1).',
]);

// --- shape: wrong types, missing fields, unknown values ----------------------------------
add('12-wrong-type-stamp.json', rehashed((f, c) => { c.units[1].stamp.hlc.wall_ms = 'hôm qua'; }),
  invalid('content.units[1].stamp.hlc.wall_ms: sai kiểu: có string "hôm qua", cần số nguyên không âm'));
add('13-missing-name.json', rehashed((f, c) => { delete c.units[1].data.unit.name; }),
  invalid('content.units[1].data.unit: thiếu trường “name”'));
add('14-unknown-commune-kind.json', rehashed((f, c) => { c.units[0].data.unit.kind = 'thanh_pho'; }),
  invalid('content.units[0].data.unit.kind: giá trị “thanh_pho” không được phép (cho phép: one of xa, phuong, dac_khu)'));
add('15-duplicate-unit.json', rehashed((f, c) => { c.units.push(structuredClone(c.units[1])); }),
  invalid('content.units[3]: trùng lặp: “province:38” xuất hiện hơn một lần'));
add('16-bad-commune-code.json', rehashed((f, c) => {
  c.units[0].data.unit.code = '1589';
  c.units[0].id = 'commune:1589';
}), invalid('content.units[0].data.unit: mã “1589” phải gồm đúng 5 chữ số'));
add('17-id-does-not-match.json', rehashed((f, c) => { c.units[2].id = 'village:v-tay'; }),
  invalid('content.units[2].id: mã không khớp với nội dung (phải là “village:v-dong”)'));
add('18-huge-name.json', rehashed((f, c) => { c.units[2].data.unit.name = 'Thôn '.repeat(5000); }),
  invalid('content.units[2].data.unit: dài quá 120 ký tự'));
add('19-markup-in-name.json', rehashed((f, c) => { c.ocop_products[0].data.name = '<img src=x onerror=alert(1)>'; }),
  invalid('content.ocop_products[0].data.name: tên không được chứa dấu < hoặc > (tên là chữ, không phải mã HTML)'));
add('20-markup-in-unit-name.json', rehashed((f, c) => { c.units[2].data.unit.name = 'Thôn <script>alert(1)</script>'; }),
  invalid('content.units[2].data.unit: tên không được chứa dấu < hoặc > (tên là chữ, không phải mã HTML)'));
add('21-negative-value.json', rehashed((f, c) => { c.assessments[0].values['3.x1'].value.value.value = -5; }),
  invalid('content.assessments[0].values["3.x1"].value.value.value: giá trị không được âm'));
add('22-nan-value.json', rehashed((f, c) => { c.assessments[0].values['3.x1'].value.value.value = 'NaN'; }),
  invalid('content.assessments[0].values.3.x1.value.value.value: sai kiểu: có string "NaN", cần số'));
add('23-huge-number.json', rehashed((f, c) => { c.assessments[0].values['3.x1'].value.value.value = 1e300; }),
  invalid(`content.assessments[0].values["3.x1"].value.value.value: giá trị ngoài phạm vi cho phép (tối đa 1.000.000.000.000)`));
add('24-ocop-points-over-max.json', rehashed((f, c) => { c.ocop_ratings[0].data.points.a = 55; }),
  invalid('content.ocop_ratings[0].data.points.a: điểm phần A phải từ 0 đến 40'));
add('25-ocop-date-too-early.json', rehashed((f, c) => { c.ocop_ratings[0].data.issue_date = '1999-01-01'; }),
  invalid('content.ocop_ratings[0].data.issue_date: ngày 01/01/1999 không hợp lý (trước 2018 hoặc sau ngày tạo tệp)'));
add('26-impossible-date.json', rehashed((f, c) => { c.ocop_ratings[0].data.issue_date = '2024-13-45'; }),
  invalid('content.ocop_ratings[0].data.issue_date: ngày không hợp lệ (cần dạng YYYY-MM-DD): input is out of range'));
add('27-edit-from-the-future.json', rehashed((f, c) => { c.plans[0].stamp.hlc.wall_ms = 4102444800000; }),
  invalid('content.plans[0].stamp.hlc.wall_ms: thời điểm sửa muộn hơn thời điểm tạo tệp (đồng hồ máy gửi sai?)'));
add('28-year-out-of-range.json', rehashed((f, c) => { c.assessments[0].key.period.year = 1800; }),
  invalid('content.assessments[0].key.period.year: năm 1800 ngoài khoảng 2000–2100'));
add('29-unknown-list.json', rehashed((f, c) => { c.passwords = []; }),
  invalid('content.passwords: danh sách “passwords” không có trong định dạng'));
add('30-builtin-set-in-file.json', rehashed((f, c) => { c.sets[0].data.builtin = true; }),
  invalid('content.sets[0].data.builtin: bộ tiêu chí có sẵn không thể bị thay bằng tệp'));
add('31-set-id-mismatch.json', rehashed((f, c) => { c.sets[0].id = setId.replace('@1-', '@2-'); }),
  invalid(`content.sets[0].id: mã không khớp với nội dung (phải là “${setId}”)`));
add('32-history-key-mismatch.json', rehashed((f, c) => { c.history[0].record_key = 'unit#commune:15889'; }),
  invalid('content.history[0].record_key: khóa lịch sử không khớp với đối tượng được sửa'));
add('33-history-value-wrong-shape.json', rehashed((f, c) => { c.history[0].new = { value: 'maybe' }; }),
  invalid('content.history[0].new: giá trị trong lịch sử không đúng kiểu (unknown variant `maybe`, expected one of `met`, `not_met`, `not_applicable`)'));
add('34-bad-device-id.json', rehashed((f, c) => { c.units[1].stamp.device = '<script>'; }),
  invalid('content.units[1].stamp.device: mã “<script>” không hợp lệ (chỉ gồm chữ, số, - và _, tối đa 64 ký tự)'));
add('35-control-character-in-note.json', rehashed((f, c) => { c.assessments[0].values['3.x1'].value.note = 'Báo cáo\u0007'; }),
  invalid('content.assessments[0].values["3.x1"].value.note: chứa ký tự điều khiển hoặc ký tự ẩn U+0007 ở vị trí 8'));
add('36-direction-override-in-name.json', rehashed((f, c) => { c.ocop_products[0].data.producer = 'HTX \u202Egnôđ'; }),
  invalid('content.ocop_products[0].data.producer: chứa ký tự điều khiển hoặc ký tự ẩn U+202E ở vị trí 5'));
add('37-set-not-listed.json', rehashed((f) => { f.sets_used = ['QD318_2022_XA@1']; }),
  invalid(`content.assessments[1].key.set: bộ tiêu chí ${setId} không có trong danh sách sets_used`));
add('38-content-not-object.json', rehashed((f) => { f.content = []; }),
  invalid('content: phải là một đối tượng JSON'));
add('39-bad-created-at.json', rehashed((f) => { f.created_at = 'hôm nay'; }),
  invalid('created_at: thời điểm “hôm nay” không hợp lệ'));
add('40-list-is-not-a-list.json', rehashed((f, c) => { c.plans = { 0: c.plans[0] }; }),
  invalid('content.plans: phải là một danh sách'));
add('41-plan-target-too-large.json', rehashed((f, c) => { c.plans[0].data.targets[0][1] = 5000000; }),
  invalid('content.plans[0].data.targets[0][1]: giá trị ngoài phạm vi cho phép (tối đa 100.000)'));
add('42-several-problems.json', rehashed((f, c) => {
  c.units[2].data.unit.name = '';
  c.ocop_ratings[0].data.points.c = -1;
  c.assessments[0].values['3.x1'].value.value.value = -0.5;
}), invalid(
  'content.units[2].data.unit: không được để trống',
  'content.ocop_ratings[0].data.points.c: điểm phần C phải từ 0 đến 35',
  'content.assessments[0].values["3.x1"].value.value.value: giá trị không được âm',
));
add('43-unknown-field-in-record.json', rehashed((f, c) => { c.units[1].data.unit.population = 1200; }),
  invalid('content.units[1].data.unit.population: trường “population” không có trong định dạng'));
add('44-unknown-field-in-stamp.json', rehashed((f, c) => { c.history[0].stamp.timezone = '+07:00'; }),
  invalid('content.history[0].stamp.timezone: trường “timezone” không có trong định dạng'));

// --- identities (schema version 2) -------------------------------------------------------
{
  // A set's content changed under its version id: the id says which content it is.
  const forged = rehashed((f, c) => { c.sets[0].data.criteria[2].name = 'Điện'; });
  const set = JSON.parse(forged).content.sets[0].data;
  add('45-set-content-forged.json', forged, invalid(
    `content.sets[0].data.version: nội dung bộ tiêu chí không khớp mã phiên bản (đúng ra là ${versionId(set)}): tệp đã bị sửa hoặc hỏng`,
  ));
}
add('46-set-in-a-built-in-lineage.json', rehashed((f, c) => {
  // A one-criterion "version 2" of the national set, correctly hashed: reserved all the same.
  const s = c.sets[0].data;
  s.id = 'QD318_2022_XA';
  s.number = 2;
  s.criteria = s.criteria.slice(0, 1);
  s.version = versionId(s);
  c.sets[0].id = `${s.id}@${s.version}`;
}), invalid('content.sets[0].data.id: bộ tiêu chí có sẵn không thể bị thay bằng tệp'));
add('47-village-merged-into-itself.json', rehashed((f, c) => { c.units[2].data.unit.merged_into = 'v-dong'; }),
  invalid('content.units[2].data.unit: một thôn không thể gộp vào chính nó'));

// --- text at the boundary, stamps unique forever (issue 13) ------------------------------
add('48-counter-too-large.json', rehashed((f, c) => { c.units[1].stamp.hlc.counter = 4294967295; }),
  invalid('content.units[1].stamp.hlc.counter: giá trị ngoài phạm vi cho phép (tối đa 1.000.000)'));
add('49-nul-in-name.json', rehashed((f, c) => { c.units[2].data.unit.name = 'Thôn\u0000Đông'; }),
  invalid('content.units[2].data.unit: chứa ký tự điều khiển hoặc ký tự ẩn U+0000 ở vị trí 5'));
add('50-invisible-mark-in-name.json', rehashed((f, c) => { c.ocop_products[0].data.name = 'Chè\u061C búp'; }),
  invalid('content.ocop_products[0].data.name: chứa ký tự điều khiển hoặc ký tự ẩn U+061C ở vị trí 4'));
{
  // A set's criterion name written NFD: the version id is computed over the text, so the
  // reader cannot clean it; it is refused (and the version id check says the same).
  const forged = rehashed((f, c) => {
    c.sets[0].data.criteria[1].name = c.sets[0].data.criteria[1].name.normalize('NFD');
  });
  const set = JSON.parse(forged).content.sets[0].data;
  add('51-set-text-not-nfc.json', forged, invalid(
    `content.sets[0].data.version: nội dung bộ tiêu chí không khớp mã phiên bản (đúng ra là ${versionId(set)}): tệp đã bị sửa hoặc hỏng`,
    'content.sets[0].data.criteria[1].name: chữ trong bộ tiêu chí chưa ở dạng chuẩn (NFC, không có khoảng trắng thừa): hãy nhờ người gửi xuất lại bằng ứng dụng',
  ));
}

for (const name of readdirSync(dir)) {
  if (name !== 'good.json' && name !== 'expected.json') unlinkSync(new URL(name, dir));
}
for (const [name, body] of Object.entries(files)) writeFileSync(new URL(name, dir), body);
writeFileSync(new URL('expected.json', dir), JSON.stringify(expected, null, 2) + '\n');
console.log(`${Object.keys(files).length} bad files written to tests/exchange_corpus/`);
