// Files in and out: picking or dropping a file, gzip, sharing (Web Share with files, e.g.
// to Zalo on Android) or downloading. Bytes only; reading them is the app's job.

export function firstFile(ev) {
  const list = (ev && ev.dataTransfer && ev.dataTransfer.files) || (ev && ev.target && ev.target.files);
  const file = list && list.length > 0 ? list[0] : null;
  // Empty the picker, so picking the same file again is a change (and a new preview).
  if (ev && ev.target && ev.target.files && 'value' in ev.target) ev.target.value = '';
  return file;
}

export function fileName(file) {
  return String(file.name || '');
}

async function collect(stream, max) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new Error('too-large:' + total);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

// The file's bytes, gunzipped when they start with the gzip magic number. Errors are
// "too-large:<bytes>" (before or after decompression) or "bad-gzip".
export async function readFileBytes(file, max) {
  if (file.size > max) throw new Error('too-large:' + file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return await collect(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')), max);
    } catch (e) {
      if (String(e.message || '').startsWith('too-large:')) throw e;
      throw new Error('bad-gzip');
    }
  }
  return bytes;
}

export async function gzip(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const TYPES = {
  gz: 'application/gzip',
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function fileOf(bytes, name) {
  const ext = name.split('.').pop().toLowerCase();
  return new File([bytes], name, { type: TYPES[ext] || 'application/octet-stream' });
}

export function canShareFiles() {
  try {
    return typeof navigator.canShare === 'function'
      && navigator.canShare({ files: [fileOf(new Uint8Array([123, 125]), 'x.json')] });
  } catch (_) {
    return false;
  }
}

// "shared", "cancelled" (the user closed the share sheet) or throws.
export async function share(bytes, name, title) {
  try {
    await navigator.share({ files: [fileOf(bytes, name)], title });
    return 'shared';
  } catch (e) {
    if (e && e.name === 'AbortError') return 'cancelled';
    throw e;
  }
}

export function download(bytes, name) {
  const url = URL.createObjectURL(fileOf(bytes, name));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
