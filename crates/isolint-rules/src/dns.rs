//! Private DNS zones each private endpoint group ID relies on, per cloud
//! ("Azure Private Endpoint private DNS zone values").

use crate::config::Cloud;

/// The zones required for a group ID in one cloud (lower-case). Empty for
/// group IDs isolint has no table for.
pub fn required_zones(group: &str, cloud: Cloud) -> Vec<String> {
    let g = group.to_ascii_lowercase();
    let g = g.strip_suffix("_secondary").unwrap_or(&g).to_string();
    let (api, notebooks, core, vault, acr) = match cloud {
        Cloud::AzureCloud => (
            "privatelink.api.azureml.ms",
            "privatelink.notebooks.azure.net",
            "core.windows.net",
            "privatelink.vaultcore.azure.net",
            "privatelink.azurecr.io",
        ),
        Cloud::AzureUSGovernment => (
            "privatelink.api.ml.azure.us",
            "privatelink.notebooks.usgovcloudapi.net",
            "core.usgovcloudapi.net",
            "privatelink.vaultcore.usgovcloudapi.net",
            "privatelink.azurecr.us",
        ),
        Cloud::AzureChinaCloud => (
            "privatelink.api.ml.azure.cn",
            "privatelink.notebooks.chinacloudapi.cn",
            "core.chinacloudapi.cn",
            "privatelink.vaultcore.azure.cn",
            "privatelink.azurecr.cn",
        ),
    };
    let zones: Vec<String> = match g.as_str() {
        "amlworkspace" => vec![api.into(), notebooks.into()],
        "blob" | "file" | "queue" | "table" | "dfs" | "web" => {
            vec![format!("privatelink.{g}.{core}")]
        }
        "vault" => vec![vault.into()],
        "registry" => vec![acr.into()],
        "azuremonitor" => match cloud {
            Cloud::AzureCloud => vec![
                "privatelink.monitor.azure.com".into(),
                "privatelink.oms.opinsights.azure.com".into(),
                "privatelink.ods.opinsights.azure.com".into(),
                "privatelink.agentsvc.azure-automation.net".into(),
                format!("privatelink.blob.{core}"),
            ],
            Cloud::AzureUSGovernment => vec![
                "privatelink.monitor.azure.us".into(),
                "privatelink.adx.monitor.azure.us".into(),
                "privatelink.oms.opinsights.azure.us".into(),
                "privatelink.ods.opinsights.azure.us".into(),
                "privatelink.agentsvc.azure-automation.us".into(),
                format!("privatelink.blob.{core}"),
            ],
            // No published China list: nothing is required, so nothing is reported.
            Cloud::AzureChinaCloud => Vec::new(),
        },
        _ => Vec::new(),
    };
    zones
}

/// Does a zone name belong to a group ID in any cloud? (`registry` also
/// takes the regional data-endpoint zones `<region>.privatelink.azurecr.io`.)
pub fn zone_belongs(zone: &str, group: &str) -> bool {
    let z = zone.trim_end_matches('.').to_ascii_lowercase();
    for cloud in [
        Cloud::AzureCloud,
        Cloud::AzureUSGovernment,
        Cloud::AzureChinaCloud,
    ] {
        for r in required_zones(group, cloud) {
            if z == r || (group.eq_ignore_ascii_case("registry") && z.ends_with(&format!(".{r}"))) {
                return true;
            }
        }
    }
    false
}

/// Is this group ID one isolint knows the zones of?
pub fn known_group(group: &str) -> bool {
    !required_zones(group, Cloud::AzureCloud).is_empty()
}

/// The zones of `group` missing from `have`, when no cloud's full set is
/// present (the configured cloud's names are returned).
pub fn missing_zones(group: &str, have: &[String], cloud: Cloud) -> Vec<String> {
    let has = |z: &String| {
        have.iter()
            .any(|h| h.trim_end_matches('.').eq_ignore_ascii_case(z))
    };
    for c in [
        cloud,
        Cloud::AzureCloud,
        Cloud::AzureUSGovernment,
        Cloud::AzureChinaCloud,
    ] {
        let req = required_zones(group, c);
        if !req.is_empty() && req.iter().all(has) {
            return Vec::new();
        }
    }
    required_zones(group, cloud)
        .into_iter()
        .filter(|z| !has(z))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_tables() {
        assert_eq!(required_zones("amlworkspace", Cloud::AzureCloud).len(), 2);
        assert!(zone_belongs("privatelink.blob.core.windows.net", "blob"));
        assert!(zone_belongs(
            "PrivateLink.Blob.Core.Windows.Net",
            "azuremonitor"
        ));
        assert!(!zone_belongs("privatelink.file.core.windows.net", "blob"));
        assert!(!zone_belongs("privatelink.vault.azure.net", "vault"));
        assert!(zone_belongs(
            "westeurope.privatelink.azurecr.io",
            "registry"
        ));
        assert!(zone_belongs("privatelink.api.ml.azure.us", "amlworkspace"));
        assert_eq!(
            missing_zones(
                "amlworkspace",
                &["privatelink.api.azureml.ms".into()],
                Cloud::AzureCloud
            ),
            vec!["privatelink.notebooks.azure.net".to_string()]
        );
        assert!(missing_zones(
            "blob_secondary",
            &["privatelink.blob.core.windows.net".into()],
            Cloud::AzureCloud
        )
        .is_empty());
        assert!(!known_group("sqlServer"));
    }
}
