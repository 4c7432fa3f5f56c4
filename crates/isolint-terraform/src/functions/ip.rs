//! IP network functions: `cidrhost`, `cidrnetmask`, `cidrsubnet`, `cidrsubnets`.
//!
//! Addresses are handled as `u128` (IPv4 in the low 32 bits) with checked
//! arithmetic. Parsing accepts what Terraform accepts, including IPv4
//! octets with leading zeros (read as decimal). Errors carry Terraform's
//! wording.

use super::{Args, FnError};
use isolint_model::Value;
use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Clone, Copy)]
struct Net {
    v6: bool,
    /// The network address (host bits cleared).
    addr: u128,
    len: u32,
}

impl Net {
    fn bits(&self) -> u32 {
        if self.v6 {
            128
        } else {
            32
        }
    }
    fn proto(&self) -> &'static str {
        if self.v6 {
            "IPv6"
        } else {
            "IPv4"
        }
    }
}

/// `n` low bits set.
fn low_mask(n: u32) -> u128 {
    if n >= 128 {
        u128::MAX
    } else {
        (1u128 << n) - 1
    }
}

fn netmask(len: u32, bits: u32) -> u128 {
    low_mask(bits) & !low_mask(bits.saturating_sub(len))
}

/// An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), which Go prints as IPv4.
fn is_v4_mapped(addr: u128) -> bool {
    addr >> 32 == 0xffff
}

fn parse_v4(s: &str) -> Option<u32> {
    let mut out: u32 = 0;
    let mut parts = 0;
    for part in s.split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = part.parse().ok()?;
        if n > 255 {
            return None;
        }
        out = (out << 8) | n;
        parts += 1;
    }
    (parts == 4).then_some(out)
}

/// `None`: not a CIDR prefix. `Some(None)`: a form whose handling is not
/// certain (IPv4-mapped IPv6).
fn parse_cidr(s: &str) -> Result<Option<Net>, String> {
    let bad = || format!("invalid CIDR address: {s}");
    let (addr, len) = s.split_once('/').ok_or_else(bad)?;
    if len.is_empty() || len.len() > 3 || !len.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let len: u32 = len.parse().map_err(|_| bad())?;
    let (v6, raw) = if addr.contains(':') {
        let ip: Ipv6Addr = addr.parse().map_err(|_| bad())?;
        (true, u128::from(ip))
    } else {
        (false, u128::from(parse_v4(addr).ok_or_else(bad)?))
    };
    let bits = if v6 { 128 } else { 32 };
    if len > bits {
        return Err(bad());
    }
    if v6 && is_v4_mapped(raw) {
        return Ok(None);
    }
    Ok(Some(Net {
        v6,
        addr: raw & netmask(len, bits),
        len,
    }))
}

fn show_addr(v6: bool, addr: u128) -> String {
    if !v6 {
        return Ipv4Addr::from(u32::try_from(addr).unwrap_or(u32::MAX)).to_string();
    }
    if is_v4_mapped(addr) {
        return Ipv4Addr::from(u32::try_from(addr & low_mask(32)).unwrap_or(0)).to_string();
    }
    Ipv6Addr::from(addr).to_string()
}

fn show_net(n: &Net) -> String {
    format!("{}/{}", show_addr(n.v6, n.addr), n.len)
}

fn prefix(a: &Args<'_>) -> Result<Option<Net>, FnError> {
    let s = a.str(0)?;
    parse_cidr(&s).map_err(|e| a.invalid(e))
}

pub(super) fn cidrhost(a: &Args<'_>) -> Result<Value, FnError> {
    let Some(net) = prefix(a)? else {
        return Ok(Value::unknown());
    };
    let hostnum = a.int(1)?;
    let host_bits = net.bits() - net.len;
    let max = low_mask(host_bits);
    let n = if hostnum >= 0 {
        Some(u128::from(hostnum.unsigned_abs())).filter(|n| *n <= max)
    } else {
        // -1 is the last address of the range.
        let back = u128::from(hostnum.unsigned_abs());
        max.checked_sub(back - 1).filter(|_| back - 1 <= max)
    };
    let Some(n) = n else {
        return Err(a.invalid(format!(
            "prefix of {} does not accommodate a host numbered {hostnum}",
            net.len
        )));
    };
    let addr = net.addr | n;
    if net.v6 && is_v4_mapped(addr) {
        return Ok(Value::unknown());
    }
    Ok(Value::string(show_addr(net.v6, addr)))
}

pub(super) fn cidrnetmask(a: &Args<'_>) -> Result<Value, FnError> {
    let Some(net) = prefix(a)? else {
        return Ok(Value::unknown());
    };
    if net.v6 {
        return Err(a.invalid(format!(
            "IPv6 addresses cannot have a netmask: {}",
            a.str(0)?
        )));
    }
    Ok(Value::string(show_addr(false, netmask(net.len, 32))))
}

pub(super) fn cidrsubnet(a: &Args<'_>) -> Result<Value, FnError> {
    let Some(net) = prefix(a)? else {
        return Ok(Value::unknown());
    };
    let newbits = a.int(1)?;
    let netnum = a.int(2)?;
    if newbits < 0 {
        return Err(a.invalid(format!("newbits must not be negative, got {newbits}")));
    }
    if newbits > 32 {
        return Err(a.invalid("may not extend prefix by more than 32 bits"));
    }
    let newbits = newbits as u32;
    let new_len = net.len + newbits;
    if new_len > net.bits() {
        return Err(a.invalid(format!(
            "insufficient address space to extend prefix of {} by {newbits} (prefix length {} + newbits {newbits} exceeds {} bits for {})",
            net.len,
            net.len,
            net.bits(),
            net.proto()
        )));
    }
    if netnum < 0 {
        return Err(a.invalid(format!("netnum must not be negative, got {netnum}")));
    }
    let num = u128::from(netnum.unsigned_abs());
    if num > low_mask(newbits) {
        return Err(a.invalid(format!(
            "prefix extension of {newbits} does not accommodate a subnet numbered {netnum}"
        )));
    }
    let shift = net.bits() - new_len;
    let addr = net.addr | num.checked_shl(shift).unwrap_or(0);
    if net.v6 && is_v4_mapped(addr) {
        return Ok(Value::unknown());
    }
    Ok(Value::string(show_net(&Net {
        v6: net.v6,
        addr,
        len: new_len,
    })))
}

pub(super) fn cidrsubnets(a: &Args<'_>) -> Result<Value, FnError> {
    let Some(net) = prefix(a)? else {
        return Ok(Value::unknown());
    };
    if a.len() == 1 {
        return Ok(Value::list(Vec::new()));
    }
    let bits = net.bits();
    let full = low_mask(bits);
    let mut newbits = Vec::with_capacity(a.len() - 1);
    for i in 1..a.len() {
        newbits.push(a.int(i)?);
    }
    if net.addr == 0 {
        // Terraform's allocator wraps around at the zero address; its
        // answer there is not modelled (argument errors still are).
        for (i, nb) in newbits.iter().enumerate() {
            check_newbits(a, &net, i, *nb)?;
        }
        return Ok(Value::unknown());
    }
    let first = newbits
        .first()
        .map(|n| (i64::from(net.len) + n).clamp(0, i64::from(bits)) as u32)
        .unwrap_or(net.len);
    let mut current = Net {
        v6: net.v6,
        addr: net.addr.wrapping_sub(1) & full & netmask(first, bits),
        len: first,
    };
    let mut out = Vec::with_capacity(newbits.len());
    for (i, nb) in newbits.into_iter().enumerate() {
        let len = check_newbits(a, &net, i, nb)?;
        let current_last = current.addr | (full & !netmask(current.len, bits));
        let block_last = (current_last & netmask(len, bits)) | (full & !netmask(len, bits));
        let after = block_last.wrapping_add(1) & full;
        let rollover = after == 0;
        let next = Net {
            v6: net.v6,
            addr: after & netmask(len, bits),
            len,
        };
        if rollover || next.addr & netmask(net.len, bits) != net.addr {
            return Err(a.invalid(format!(
                "not enough remaining address space for a subnet with a prefix of {len} bits after {}",
                show_net(&current)
            )));
        }
        if next.v6 && is_v4_mapped(next.addr) {
            return Ok(Value::unknown());
        }
        out.push(Value::string(show_net(&next)));
        current = next;
    }
    Ok(Value::list(out))
}

/// Validates one `cidrsubnets` newbits argument; returns the new prefix length.
fn check_newbits(a: &Args<'_>, net: &Net, i: usize, nb: i64) -> Result<u32, FnError> {
    if nb < 1 {
        return Err(a.invalid(format!(
            "argument {} must extend prefix by at least one bit",
            i + 2
        )));
    }
    if nb > 32 {
        return Err(a.invalid(format!(
            "argument {} may not extend prefix by more than 32 bits",
            i + 2
        )));
    }
    let len = net.len + nb as u32;
    if len > net.bits() {
        return Err(a.invalid(format!(
            "would extend prefix to {len} bits, which is too long for an {} address",
            net.proto()
        )));
    }
    Ok(len)
}
