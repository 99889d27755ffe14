// Device keys and file signatures with WebCrypto (issue 31): ECDSA on P-256 with SHA-256.
// The private key is made non-extractable: it can sign on this device and never be read.
const ALG = { name: "ECDSA", namedCurve: "P-256" };
const SIGN = { name: "ECDSA", hash: "SHA-256" };

export async function makeKeyPair() {
  return crypto.subtle.generateKey(ALG, false, ["sign", "verify"]);
}

export async function publicRaw(pair) {
  return new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
}

export async function sign(pair, bytes) {
  return new Uint8Array(await crypto.subtle.sign(SIGN, pair.privateKey, bytes));
}

export async function verify(raw, bytes, signature) {
  try {
    const key = await crypto.subtle.importKey("raw", raw, ALG, false, ["verify"]);
    return await crypto.subtle.verify(SIGN, key, signature, bytes);
  } catch (e) {
    return false;
  }
}

// Whether a value read back from IndexedDB is a key pair this module made.
export function isKeyPair(v) {
  return !!v && typeof v === "object" && v.privateKey instanceof CryptoKey && v.publicKey instanceof CryptoKey;
}
