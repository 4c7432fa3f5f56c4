//! Hash and crypto functions.
//!
//! `uuid`, `bcrypt` and `rsadecrypt` are random or secret-dependent and are
//! unknown by design (see `mod.rs`).

use super::encoding::b64;
use super::filesystem::read_bytes;
use super::{Args, FnError};
use isolint_model::Value;
use sha1::Digest as _;
use std::fmt::Write as _;

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn digest_md5(data: &[u8]) -> Vec<u8> {
    md5::Md5::digest(data).to_vec()
}
fn digest_sha1(data: &[u8]) -> Vec<u8> {
    sha1::Sha1::digest(data).to_vec()
}
fn digest_sha256(data: &[u8]) -> Vec<u8> {
    sha2::Sha256::digest(data).to_vec()
}
fn digest_sha512(data: &[u8]) -> Vec<u8> {
    sha2::Sha512::digest(data).to_vec()
}

fn of_string(a: &Args<'_>, f: fn(&[u8]) -> Vec<u8>, b64_out: bool) -> Result<Value, FnError> {
    let s = a.str(0)?;
    let d = f(s.as_bytes());
    Ok(Value::string(if b64_out { b64(&d) } else { hex(&d) }))
}

fn of_file(a: &Args<'_>, f: fn(&[u8]) -> Vec<u8>, b64_out: bool) -> Result<Value, FnError> {
    let path = a.str(0)?;
    let data = read_bytes(a, &path)?;
    let d = f(&data);
    Ok(Value::string(if b64_out { b64(&d) } else { hex(&d) }))
}

pub(super) fn md5(a: &Args<'_>) -> Result<Value, FnError> {
    of_string(a, digest_md5, false)
}
pub(super) fn sha1(a: &Args<'_>) -> Result<Value, FnError> {
    of_string(a, digest_sha1, false)
}
pub(super) fn sha256(a: &Args<'_>) -> Result<Value, FnError> {
    of_string(a, digest_sha256, false)
}
pub(super) fn sha512(a: &Args<'_>) -> Result<Value, FnError> {
    of_string(a, digest_sha512, false)
}
pub(super) fn base64sha256(a: &Args<'_>) -> Result<Value, FnError> {
    of_string(a, digest_sha256, true)
}
pub(super) fn base64sha512(a: &Args<'_>) -> Result<Value, FnError> {
    of_string(a, digest_sha512, true)
}
pub(super) fn filemd5(a: &Args<'_>) -> Result<Value, FnError> {
    of_file(a, digest_md5, false)
}
pub(super) fn filesha1(a: &Args<'_>) -> Result<Value, FnError> {
    of_file(a, digest_sha1, false)
}
pub(super) fn filesha256(a: &Args<'_>) -> Result<Value, FnError> {
    of_file(a, digest_sha256, false)
}
pub(super) fn filesha512(a: &Args<'_>) -> Result<Value, FnError> {
    of_file(a, digest_sha512, false)
}
pub(super) fn filebase64sha256(a: &Args<'_>) -> Result<Value, FnError> {
    of_file(a, digest_sha256, true)
}
pub(super) fn filebase64sha512(a: &Args<'_>) -> Result<Value, FnError> {
    of_file(a, digest_sha512, true)
}

fn parse_uuid(s: &str) -> Option<[u8; 16]> {
    let hexdigits: Vec<u8> = s.bytes().filter(|b| *b != b'-').collect();
    let dashes_ok = s.len() == 36
        && s.bytes()
            .enumerate()
            .all(|(i, b)| (b == b'-') == matches!(i, 8 | 13 | 18 | 23));
    if !dashes_ok || hexdigits.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, pair) in hexdigits.chunks(2).enumerate() {
        let text = std::str::from_utf8(pair).ok()?;
        *out.get_mut(i)? = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

/// A name-based (SHA-1) UUID, RFC 4122 version 5.
pub(super) fn uuidv5(a: &Args<'_>) -> Result<Value, FnError> {
    let ns = a.str(0)?;
    let name = a.str(1)?;
    let ns_id = match ns.as_str() {
        "dns" => "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        "url" => "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
        "oid" => "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
        "x500" => "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
        other => other,
    };
    let Some(ns_bytes) = parse_uuid(ns_id) else {
        return Err(a.invalid(format!(
            "uuidv5() doesn't support namespace {ns:?}: it must be dns, url, oid, x500 or a UUID"
        )));
    };
    let mut h = sha1::Sha1::new();
    h.update(ns_bytes);
    h.update(name.as_bytes());
    let d = h.finalize();
    let mut u = [0u8; 16];
    for (dst, src) in u.iter_mut().zip(d.iter()) {
        *dst = *src;
    }
    u[6] = (u[6] & 0x0f) | 0x50;
    u[8] = (u[8] & 0x3f) | 0x80;
    let x = hex(&u);
    let part = |r: std::ops::Range<usize>| x.get(r).unwrap_or("").to_string();
    Ok(Value::string(format!(
        "{}-{}-{}-{}-{}",
        part(0..8),
        part(8..12),
        part(12..16),
        part(16..20),
        part(20..32)
    )))
}
