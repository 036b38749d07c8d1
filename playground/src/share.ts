/** The page state in the URL fragment: JSON, deflate-raw (CompressionStream), base64url. */
export interface PageState {
  filter: string;
  schema: string;
  rows: string;
  params: string;
  target: string;
  purpose: string;
}

/** Rows larger than this (characters, before compression) are left out of links. */
export const MAX_SHARED_ROWS = 64 * 1024;

async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64url(bytes: Uint8Array<ArrayBuffer>): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export async function encodeState(state: PageState): Promise<{ fragment: string; rowsDropped: boolean }> {
  const rowsDropped = state.rows.length > MAX_SHARED_ROWS;
  const json = JSON.stringify({ v: 1, ...state, rows: rowsDropped ? "" : state.rows });
  return { fragment: `s=${toBase64url(await pipe(new Uint8Array(new TextEncoder().encode(json)), new CompressionStream("deflate-raw")))}`, rowsDropped };
}

export async function decodeState(fragment: string): Promise<PageState | { error: string }> {
  if (!fragment.startsWith("s=")) return { error: "the link's fragment is not a playground state" };
  try {
    const bytes = await pipe(fromBase64url(fragment.slice(2)), new DecompressionStream("deflate-raw"));
    const o = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === "string" ? (o[k] as string) : "");
    return { filter: str("filter"), schema: str("schema"), rows: str("rows"), params: str("params"), target: str("target"), purpose: str("purpose") };
  } catch (e) {
    return { error: `the link's state could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}
