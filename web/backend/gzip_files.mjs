// The served files' gzip encoding: the build's precompressed FILE.gz (zopfli, see
// wasm/CMakeLists.txt) when it is at least as new as FILE, else FILE compressed here at level 9
// once and kept while FILE stays the same.
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

/** Whether an Accept-Encoding header admits gzip (RFC 9110 §12.5.3: a q of 0 refuses it). */
export function acceptsGzip(header) {
  if (typeof header !== 'string') return false;
  let gzip;
  let any;
  for (const item of header.split(',')) {
    const [name, ...params] = item.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name === 'gzip' || name === 'x-gzip') gzip = weight;
    else if (name === '*') any = weight;
  }
  const weight = gzip ?? any ?? 0;
  return Number.isFinite(weight) && weight > 0;
}

/** A store of gzip bodies by file: `body(file, info)` where info is the file's fs.Stats. */
export function createGzipStore() {
  const compressed = new Map();  // file → {mtimeMs, size, body}
  return {
    async body(file, info) {
      const pre = await stat(`${file}.gz`).catch(() => null);
      if (pre?.isFile() && pre.mtimeMs >= info.mtimeMs) return readFile(`${file}.gz`);
      const kept = compressed.get(file);
      if (kept?.mtimeMs === info.mtimeMs && kept.size === info.size) return kept.body;
      const body = gzipSync(await readFile(file), { level: 9 });
      compressed.set(file, { mtimeMs: info.mtimeMs, size: info.size, body });
      return body;
    },
  };
}
