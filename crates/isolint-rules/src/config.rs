//! The parts of the configuration rules read.

use ipnet::Ipv4Net;

/// The Azure cloud, which decides DNS zone names and `environment()` values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cloud {
    #[default]
    AzureCloud,
    AzureUSGovernment,
    AzureChinaCloud,
}

impl Cloud {
    pub fn parse(s: &str) -> Option<Cloud> {
        match s.to_ascii_lowercase().as_str() {
            "azurecloud" | "public" => Some(Cloud::AzureCloud),
            "azureusgovernment" | "usgovernment" => Some(Cloud::AzureUSGovernment),
            "azurechinacloud" | "china" => Some(Cloud::AzureChinaCloud),
            _ => None,
        }
    }
}

/// Rule settings from `.isolint.toml`.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// `[network] reserved_ranges` (AML402).
    pub reserved_ranges: Vec<Ipv4Net>,
    /// `[azure] cloud`.
    pub cloud: Cloud,
    /// `[workspace] batch_endpoints` (AML701).
    pub batch_endpoints: bool,
    /// `[workspace] default_region`.
    pub default_region: Option<String>,
}
