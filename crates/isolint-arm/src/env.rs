//! `environment()` values per cloud, and the CIDR functions.

use crate::Cloud;
use isolint_model::Value;
use isolint_model::ValueMap;

fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::map(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect::<ValueMap>(),
    )
}

fn s(x: &str) -> Value {
    Value::string(x)
}

/// The documented `environment()` object of a cloud (the members isolint
/// relies on; any other member reads as unknown).
pub(crate) fn environment(cloud: Cloud) -> Value {
    let (name, rm, portal, login, acr, kv, sql, storage) = match cloud {
        Cloud::AzureCloud => (
            "AzureCloud",
            "https://management.azure.com/",
            "https://portal.azure.com",
            "https://login.microsoftonline.com/",
            ".azurecr.io",
            ".vault.azure.net",
            ".database.windows.net",
            "core.windows.net",
        ),
        Cloud::AzureUSGovernment => (
            "AzureUSGovernment",
            "https://management.usgovcloudapi.net/",
            "https://portal.azure.us",
            "https://login.microsoftonline.us/",
            ".azurecr.us",
            ".vault.usgovcloudapi.net",
            ".database.usgovcloudapi.net",
            "core.usgovcloudapi.net",
        ),
        Cloud::AzureChinaCloud => (
            "AzureChinaCloud",
            "https://management.chinacloudapi.cn/",
            "https://portal.azure.cn",
            "https://login.chinacloudapi.cn/",
            ".azurecr.cn",
            ".vault.azure.cn",
            ".database.chinacloudapi.cn",
            "core.chinacloudapi.cn",
        ),
    };
    obj(&[
        ("name", s(name)),
        ("resourceManager", s(rm)),
        ("portal", s(portal)),
        (
            "authentication",
            obj(&[
                ("loginEndpoint", s(login)),
                ("identityProvider", s("AAD")),
                ("tenant", s("common")),
            ]),
        ),
        (
            "suffixes",
            obj(&[
                ("acrLoginServer", s(acr)),
                ("keyvaultDns", s(kv)),
                ("sqlServerHostname", s(sql)),
                ("storage", s(storage)),
            ]),
        ),
    ])
}

fn parse_v4(cidr: &str) -> Option<(u32, u8)> {
    let (addr, len) = cidr.trim().split_once('/')?;
    let a: std::net::Ipv4Addr = addr.parse().ok()?;
    let len: u8 = len.parse().ok()?;
    (len <= 32).then_some((u32::from(a), len))
}

fn mask(len: u8) -> u32 {
    if len == 0 {
        0
    } else {
        u32::MAX << (32 - len as u32)
    }
}

fn ip(x: u32) -> String {
    std::net::Ipv4Addr::from(x).to_string()
}

/// `parseCidr('10.144.0.0/20')` (IPv4 only).
pub(crate) fn parse_cidr(cidr: &str) -> Option<Value> {
    let (a, len) = parse_v4(cidr)?;
    let net = a & mask(len);
    let bcast = net | !mask(len);
    let (first, last) = if len >= 31 {
        (net, bcast)
    } else {
        (net + 1, bcast - 1)
    };
    Some(obj(&[
        ("network", s(&ip(net))),
        ("netmask", s(&ip(mask(len)))),
        ("broadcast", s(&ip(bcast))),
        ("firstUsable", s(&ip(first))),
        ("lastUsable", s(&ip(last))),
        ("cidr", Value::number(len as f64)),
    ]))
}

/// `cidrSubnet('10.144.0.0/20', 24, 3)` → `10.144.3.0/24`.
pub(crate) fn cidr_subnet(cidr: &str, new_len: i64, index: i64) -> Option<String> {
    let (a, len) = parse_v4(cidr)?;
    let new_len = u8::try_from(new_len)
        .ok()
        .filter(|n| *n >= len && *n <= 32)?;
    let count = 1u64 << (new_len - len);
    let index = u64::try_from(index).ok().filter(|i| *i < count)?;
    let size = 1u64 << (32 - new_len as u32);
    let net = (a & mask(len)) as u64 + index * size;
    Some(format!("{}/{new_len}", ip(u32::try_from(net).ok()?)))
}

/// `cidrHost('10.144.3.0/24', 3)` → `10.144.3.4` (index counts usable hosts).
pub(crate) fn cidr_host(cidr: &str, index: i64) -> Option<String> {
    let (a, len) = parse_v4(cidr)?;
    let hosts = (1u64 << (32 - len as u32)).saturating_sub(2);
    let index = u64::try_from(index).ok().filter(|i| *i < hosts)?;
    let h = (a & mask(len)) as u64 + 1 + index;
    Some(ip(u32::try_from(h).ok()?))
}
