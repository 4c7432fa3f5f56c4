//! Terraform addresses and reference traversals (`module.a[0].azurerm_x.y["k"]`,
//! `azurerm_subnet.a[0].id`, `var.x`), split into named steps with keys.

/// An instance key: `[0]` or `["name"]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Int(i64),
    Str(String),
}

impl Key {
    /// The key of a plan resource's `index` member.
    pub fn from_json(node: &isolint_json::JsonNode) -> Option<Key> {
        if let Some(n) = node.as_f64() {
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                return Some(Key::Int(n as i64));
            }
            return None;
        }
        node.as_str().map(|s| Key::Str(s.to_string()))
    }

    /// How the key is written in an address.
    pub fn render(&self) -> String {
        match self {
            Key::Int(i) => format!("[{i}]"),
            Key::Str(s) => format!("[\"{}\"]", s.replace('\\', "\\\\").replace('"', "\\\"")),
        }
    }
}

/// One step of an address: a name and an optional key after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    pub key: Option<Key>,
}

/// Splits an address or traversal into steps. Returns `None` for text that
/// is not one (unbalanced brackets, an empty name).
pub fn parse(s: &str) -> Option<Vec<Step>> {
    let b = s.as_bytes();
    let mut out: Vec<Step> = Vec::new();
    let mut i = 0;
    let mut name = String::new();
    while i < b.len() {
        match b[i] {
            b'.' => {
                if name.is_empty() {
                    return None;
                }
                out.push(Step {
                    name: std::mem::take(&mut name),
                    key: None,
                });
                i += 1;
            }
            b'[' => {
                let (key, next) = parse_key(s, i)?;
                if name.is_empty() {
                    // A second key on the same step (`a[0][1]`): keep the first.
                    out.last()?;
                } else {
                    out.push(Step {
                        name: std::mem::take(&mut name),
                        key: Some(key),
                    });
                }
                i = next;
                if i < b.len() && b[i] == b'.' {
                    i += 1;
                }
            }
            _ => {
                let c = s[i..].chars().next()?;
                name.push(c);
                i += c.len_utf8();
            }
        }
    }
    if !name.is_empty() {
        out.push(Step { name, key: None });
    }
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// Parses `[0]`, `["k"]` or `[*]` (a splat, returned as no usable key) at `i`.
fn parse_key(s: &str, i: usize) -> Option<(Key, usize)> {
    let b = s.as_bytes();
    let mut j = i + 1;
    if j < b.len() && b[j] == b'"' {
        j += 1;
        let mut out = String::new();
        while j < b.len() {
            match b[j] {
                b'\\' if j + 1 < b.len() => {
                    let c = s[j + 1..].chars().next()?;
                    out.push(c);
                    j += 1 + c.len_utf8();
                }
                b'"' => {
                    if j + 1 < b.len() && b[j + 1] == b']' {
                        return Some((Key::Str(out), j + 2));
                    }
                    return None;
                }
                _ => {
                    let c = s[j..].chars().next()?;
                    out.push(c);
                    j += c.len_utf8();
                }
            }
        }
        return None;
    }
    let end = s[j..].find(']')? + j;
    let inner = s[j..end].trim();
    let key = match inner.parse::<i64>() {
        Ok(n) => Key::Int(n),
        Err(_) => Key::Str(inner.to_string()),
    };
    Some((key, end + 1))
}

/// The module-instance part of a resource address (`module.a[0].module.b`),
/// `""` for the root module.
pub fn module_prefix(steps: &[Step]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i + 1 < steps.len() && steps[i].name == "module" && steps[i].key.is_none() {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str("module.");
        out.push_str(&steps[i + 1].name);
        if let Some(k) = &steps[i + 1].key {
            out.push_str(&k.render());
        }
        i += 2;
    }
    out
}

/// The module call names along a module-instance address (`module.a[0].module.b` → `[a, b]`).
pub fn module_names(prefix: &str) -> Vec<String> {
    let Some(steps) = parse(prefix) else {
        return Vec::new();
    };
    steps
        .chunks(2)
        .filter(|c| c.len() == 2 && c[0].name == "module")
        .map(|c| c[1].name.clone())
        .collect()
}

/// The parent of a module-instance address and the last call's step.
pub fn split_last_module(prefix: &str) -> Option<(String, Step)> {
    let steps = parse(prefix)?;
    if steps.len() < 2 || steps.len() % 2 != 0 {
        return None;
    }
    let last = steps[steps.len() - 1].clone();
    let parent = module_prefix(&steps[..steps.len() - 2]);
    Some((parent, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_addresses_and_traversals() {
        let s = parse("module.net[\"a.b\"].azurerm_subnet.x[0].id").unwrap();
        assert_eq!(s.len(), 5);
        assert_eq!(s[1].key, Some(Key::Str("a.b".into())));
        assert_eq!(s[3].key, Some(Key::Int(0)));
        assert_eq!(module_prefix(&s), "module.net[\"a.b\"]");
        assert_eq!(module_names("module.a[0].module.b"), vec!["a", "b"]);
        let (p, last) = split_last_module("module.a[0].module.b").unwrap();
        assert_eq!(p, "module.a[0]");
        assert_eq!(last.name, "b");
        assert!(parse("a..b").is_none());
        assert!(parse("a[\"x").is_none());
        assert_eq!(parse("var.x").unwrap().len(), 2);
    }
}
