//! A deterministic generator of synthetic monorepos of network-isolated Azure
//! Machine Learning deployments, for benchmarks and scaling tests.
//!
//! The same [`Options`] (size, seed, formats) always give the same files,
//! byte for byte. The layout:
//!
//! ```text
//! OUT/tf/modules/network/         shared local module: VNet, subnets (for_each,
//!                                 cidrsubnet), NSG, route table, NAT gateway
//! OUT/tf/modules/compute/         shared local module: clusters (count) and
//!                                 compute instances (for_each)
//! OUT/tf/envNNNN/                 one Terraform root per deployment:
//!                                 main.tf, variables.tf, terraform.tfvars
//! OUT/arm/depNNNN/                azuredeploy.json (parameters, variables,
//!                                 copy loops, conditions) and
//!                                 azuredeploy.parameters.json
//! OUT/bicep/modules/network.bicep shared Bicep module
//! OUT/bicep/depNNNN/              main.bicep (params, loops, the module) and
//!                                 main.bicepparam
//! ```
//!
//! Every deployment is one workspace with its storage account, key vault,
//! registry, Application Insights (workspace-based, in an Azure Monitor
//! private link scope), a VNet with a training subnet (NSG, route table, NAT
//! gateway) and an endpoints subnet, private endpoints with their private DNS
//! zones and VNet links, an image-build CPU cluster and a seeded number of
//! GPU clusters and compute instances: 38 to 80 resources. Some Terraform
//! deployments are public development workspaces of 20 to 37 resources. A
//! seeded fraction of the isolated deployments carries exactly one fault
//! ([`FaultKind`]) that isolint must report.
//!
//! Resources are counted as written by the user after expansion: one per
//! Terraform resource instance (association resources included), one per ARM
//! or Bicep resource instance (copy and loop instances counted).

use serde_json::{json, Value as Json};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// splitmix64: a tiny, well-mixed, seedable PRNG (Steele, Lea, Flood 2014).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi` (`lo` when `hi < lo`).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo {
            return lo;
        }
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }
}

/// Which formats to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formats {
    pub tf: bool,
    pub arm: bool,
    pub bicep: bool,
}

impl Formats {
    pub const ALL: Formats = Formats {
        tf: true,
        arm: true,
        bicep: true,
    };

    /// Parses `tf,arm,bicep` (any subset, comma-separated).
    pub fn parse(s: &str) -> Result<Formats, String> {
        let mut f = Formats {
            tf: false,
            arm: false,
            bicep: false,
        };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "tf" | "terraform" => f.tf = true,
                "arm" => f.arm = true,
                "bicep" => f.bicep = true,
                other => return Err(format!("unknown format `{other}` (tf, arm, bicep)")),
            }
        }
        if !(f.tf || f.arm || f.bicep) {
            return Err("no format selected".into());
        }
        Ok(f)
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    /// Total number of resources, over all formats (about 60 % Terraform,
    /// 20 % ARM, 20 % Bicep when all three are selected).
    pub resources: usize,
    pub seed: u64,
    pub formats: Formats,
    /// Percentage of isolated deployments that carry one fault.
    pub fault_percent: u64,
}

impl Options {
    pub fn new(resources: usize, seed: u64) -> Options {
        Options {
            resources,
            seed,
            formats: Formats::ALL,
            fault_percent: 25,
        }
    }
}

/// The mistakes a deployment can carry, and the rule that reports each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaultKind {
    /// The registry is Basic: AML301.
    BasicRegistry,
    /// The VNet is 172.17.0.0/16: AML401.
    DockerBridge,
    /// The notebooks private DNS zone is linked to no VNet: AML203.
    UnlinkedZone,
}

impl FaultKind {
    pub const ALL: [FaultKind; 3] = [
        FaultKind::BasicRegistry,
        FaultKind::DockerBridge,
        FaultKind::UnlinkedZone,
    ];

    pub fn rule(self) -> &'static str {
        match self {
            FaultKind::BasicRegistry => "AML301",
            FaultKind::DockerBridge => "AML401",
            FaultKind::UnlinkedZone => "AML203",
        }
    }
}

/// The input format of a deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Terraform,
    Arm,
    Bicep,
}

/// One seeded fault: the deployment folder (relative to the output folder)
/// and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub dir: PathBuf,
    pub kind: FaultKind,
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    /// Resources per format: Terraform, ARM, Bicep.
    pub resources: [usize; 3],
    /// Deployments per format: Terraform, ARM, Bicep.
    pub deployments: [usize; 3],
    pub faults: Vec<Fault>,
    /// Every deployment folder (relative), in generation order.
    pub deployment_dirs: Vec<(Format, PathBuf)>,
}

impl Summary {
    pub fn total_resources(&self) -> usize {
        self.resources.iter().sum()
    }

    /// The one-line summary `isolint-gen` prints.
    pub fn line(&self) -> String {
        format!(
            "{} files, {} bytes, {} resources (terraform {} in {} roots, arm {} in {} templates, bicep {} in {} files), {} seeded faults",
            self.files,
            self.bytes,
            self.total_resources(),
            self.resources[0],
            self.deployments[0],
            self.resources[1],
            self.deployments[1],
            self.resources[2],
            self.deployments[2],
            self.faults.len()
        )
    }
}

const LOCATIONS: &[&str] = &[
    "westeurope",
    "northeurope",
    "swedencentral",
    "uksouth",
    "eastus",
    "eastus2",
    "westus2",
];

/// Private DNS zones of an isolated workspace: (key, zone name).
const ZONES: &[(&str, &str)] = &[
    ("api", "privatelink.api.azureml.ms"),
    ("notebooks", "privatelink.notebooks.azure.net"),
    ("blob", "privatelink.blob.core.windows.net"),
    ("file", "privatelink.file.core.windows.net"),
    ("vault", "privatelink.vaultcore.azure.net"),
    ("acr", "privatelink.azurecr.io"),
];

/// The zone left unlinked by [`FaultKind::UnlinkedZone`].
const UNLINKED_ZONE: &str = "notebooks";

/// Resources of an isolated deployment without GPU clusters or instances.
pub const ISOLATED_BASE: usize = 38;
/// Resources of a public deployment without GPU clusters.
pub const PUBLIC_BASE: usize = 7;
const MAX_DEPLOYMENT: usize = 80;
const MIN_DEPLOYMENT: usize = 20;

/// One deployment to write.
#[derive(Clone, Debug)]
struct Dep {
    /// Unique name prefix (lower-case letters and digits).
    prefix: String,
    location: &'static str,
    isolated: bool,
    gpu_clusters: usize,
    instances: Vec<String>,
    fault: Option<FaultKind>,
    /// Second octet of the 10.x.0.0/12 supernet.
    octet: u8,
    owner: &'static str,
}

impl Dep {
    fn resources(&self) -> usize {
        if self.isolated {
            let unlinked = usize::from(self.fault == Some(FaultKind::UnlinkedZone));
            ISOLATED_BASE + self.gpu_clusters + self.instances.len() - unlinked
        } else {
            PUBLIC_BASE + self.gpu_clusters
        }
    }
}

const OWNERS: &[&str] = &[
    "ml-platform",
    "data-science",
    "research",
    "mlops",
    "analytics",
];
const PEOPLE: &[&str] = &[
    "alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi", "ivan", "judy",
];

/// Splits `budget` resources into deployment sizes (and whether each is
/// isolated). The sizes add up to `budget` except when it is too small for a
/// single deployment.
fn plan_sizes(rng: &mut Rng, mut budget: usize, allow_public: bool) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    while budget > MAX_DEPLOYMENT {
        let isolated = !allow_public || !rng.percent(15);
        let lo = if isolated {
            ISOLATED_BASE
        } else {
            MIN_DEPLOYMENT
        };
        // Leave at least enough for one more isolated deployment.
        let hi = MAX_DEPLOYMENT.min(budget - ISOLATED_BASE);
        let s = rng.range(lo, hi);
        out.push((s, isolated));
        budget -= s;
    }
    if budget > 0 {
        let isolated = budget >= ISOLATED_BASE || !allow_public;
        let size = if isolated {
            budget.max(ISOLATED_BASE)
        } else {
            budget.max(PUBLIC_BASE + 1)
        };
        out.push((size, isolated));
    }
    out
}

fn plan_deps(rng: &mut Rng, format: Format, budget: usize, fault_percent: u64) -> Vec<Dep> {
    let letter = match format {
        Format::Terraform => 'e',
        Format::Arm => 'a',
        Format::Bicep => 'b',
    };
    let sizes = plan_sizes(rng, budget, format == Format::Terraform);
    let mut deps = Vec::with_capacity(sizes.len());
    for (i, (size, isolated)) in sizes.into_iter().enumerate() {
        let prefix = format!("{letter}{i:05}");
        let location = *rng.pick(LOCATIONS);
        let owner = *rng.pick(OWNERS);
        let octet = (rng.range(0, 15) * 16) as u8;
        if !isolated {
            deps.push(Dep {
                prefix,
                location,
                isolated,
                gpu_clusters: size - PUBLIC_BASE,
                instances: Vec::new(),
                fault: None,
                octet,
                owner,
            });
            continue;
        }
        let fault = if rng.percent(fault_percent) {
            Some(*rng.pick(&FaultKind::ALL))
        } else {
            None
        };
        let mut extras = size - ISOLATED_BASE;
        if fault == Some(FaultKind::UnlinkedZone) {
            extras += 1;
        }
        let n_instances = rng.range(0, extras.min(10));
        let instances: Vec<String> = (0..n_instances)
            .map(|k| format!("{}{k}", PEOPLE[(k + i) % PEOPLE.len()]))
            .collect();
        deps.push(Dep {
            prefix,
            location,
            isolated,
            gpu_clusters: extras - n_instances,
            instances,
            fault,
            octet,
            owner,
        });
    }
    deps
}

struct Writer {
    out: PathBuf,
    summary: Summary,
}

impl Writer {
    fn write(&mut self, rel: &str, text: &str) -> io::Result<()> {
        let path = self.out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        self.summary.files += 1;
        self.summary.bytes += text.len() as u64;
        Ok(())
    }
}

/// Writes a corpus into `out` (created if needed; existing files of the same
/// names are overwritten, others are left alone: use an empty folder).
pub fn generate(out: &Path, opts: &Options) -> io::Result<Summary> {
    let mut rng = Rng::new(opts.seed);
    let f = opts.formats;
    let weights = [
        if f.tf { 60 } else { 0 },
        if f.arm { 20 } else { 0 },
        if f.bicep { 20 } else { 0 },
    ];
    let total_w: usize = weights.iter().sum();
    let mut budgets = [0usize; 3];
    let mut left = opts.resources;
    for k in (0..3).rev() {
        if weights[k] == 0 {
            continue;
        }
        let share = opts.resources * weights[k] / total_w;
        // ARM and Bicep deployments are always isolated: a share too small
        // for one goes to Terraform (when selected).
        let share = if k > 0 && share < ISOLATED_BASE && f.tf {
            0
        } else {
            share
        };
        budgets[k] = share.min(left);
        left -= budgets[k];
    }
    let first = (0..3).find(|&k| weights[k] > 0).unwrap_or(0);
    budgets[first] += left;

    let mut w = Writer {
        out: out.to_path_buf(),
        summary: Summary::default(),
    };
    let formats = [Format::Terraform, Format::Arm, Format::Bicep];
    for (k, format) in formats.into_iter().enumerate() {
        if budgets[k] == 0 {
            continue;
        }
        let deps = plan_deps(&mut rng, format, budgets[k], opts.fault_percent);
        match format {
            Format::Terraform => {
                w.write("tf/modules/network/main.tf", TF_NETWORK_MAIN)?;
                w.write("tf/modules/network/variables.tf", TF_NETWORK_VARS)?;
                w.write("tf/modules/network/outputs.tf", TF_NETWORK_OUTPUTS)?;
                w.write("tf/modules/compute/main.tf", TF_COMPUTE_MAIN)?;
            }
            Format::Bicep => w.write("bicep/modules/network.bicep", BICEP_NETWORK)?,
            Format::Arm => {}
        }
        for (i, d) in deps.iter().enumerate() {
            let dir = match format {
                Format::Terraform => format!("tf/env{i:04}"),
                Format::Arm => format!("arm/dep{i:04}"),
                Format::Bicep => format!("bicep/dep{i:04}"),
            };
            match format {
                Format::Terraform => {
                    let main = if d.isolated {
                        TF_MAIN_ISOLATED
                    } else {
                        TF_MAIN_PUBLIC
                    };
                    w.write(&format!("{dir}/main.tf"), main)?;
                    w.write(&format!("{dir}/variables.tf"), TF_VARIABLES)?;
                    w.write(&format!("{dir}/terraform.tfvars"), &tfvars(d))?;
                }
                Format::Arm => {
                    w.write(&format!("{dir}/azuredeploy.json"), &arm_template())?;
                    w.write(
                        &format!("{dir}/azuredeploy.parameters.json"),
                        &arm_parameters(d),
                    )?;
                }
                Format::Bicep => {
                    w.write(&format!("{dir}/main.bicep"), BICEP_MAIN)?;
                    w.write(&format!("{dir}/main.bicepparam"), &bicepparam(d))?;
                }
            }
            w.summary.resources[k] += d.resources();
            w.summary.deployments[k] += 1;
            w.summary
                .deployment_dirs
                .push((format, PathBuf::from(&dir)));
            if let Some(kind) = d.fault {
                w.summary.faults.push(Fault {
                    dir: PathBuf::from(&dir),
                    kind,
                });
            }
        }
    }
    Ok(w.summary)
}

// ---------------------------------------------------------------- Terraform

const TF_NETWORK_VARS: &str = r#"variable "name" {
  description = "Name of the virtual network"
  type        = string
}

variable "location" {
  type = string
}

variable "rg_name" {
  type = string
}

variable "base" {
  description = "Supernet the VNet is carved from"
  type        = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
"#;

const TF_NETWORK_MAIN: &str = r#"# The network of one isolated workspace: a VNet carved from a supernet, a
# training subnet with an NSG, a route table and a NAT gateway for outbound
# traffic, and a subnet for private endpoints.

locals {
  vnet_cidr = cidrsubnet(var.base, 4, 1)
  subnets = {
    training  = cidrsubnet(local.vnet_cidr, 8, 1)
    endpoints = cidrsubnet(local.vnet_cidr, 8, 2)
  }
}

resource "azurerm_virtual_network" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = var.rg_name
  address_space       = [local.vnet_cidr]
  tags                = var.tags
}

resource "azurerm_subnet" "this" {
  for_each             = local.subnets
  name                 = "snet-${each.key}"
  resource_group_name  = var.rg_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [each.value]
}

resource "azurerm_network_security_group" "training" {
  name                = "nsg-${var.name}-training"
  location            = var.location
  resource_group_name = var.rg_name
  tags                = var.tags

  security_rule {
    name                       = "AllowAzureMachineLearningInbound"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "44224"
    source_address_prefix      = "AzureMachineLearning"
    destination_address_prefix = "VirtualNetwork"
  }
}

resource "azurerm_subnet_network_security_group_association" "training" {
  subnet_id                 = azurerm_subnet.this["training"].id
  network_security_group_id = azurerm_network_security_group.training.id
}

resource "azurerm_route_table" "training" {
  name                = "rt-${var.name}-training"
  location            = var.location
  resource_group_name = var.rg_name
  tags                = var.tags

  route {
    name           = "vnet-local"
    address_prefix = local.vnet_cidr
    next_hop_type  = "VnetLocal"
  }
}

resource "azurerm_subnet_route_table_association" "training" {
  subnet_id      = azurerm_subnet.this["training"].id
  route_table_id = azurerm_route_table.training.id
}

resource "azurerm_public_ip" "nat" {
  name                = "pip-${var.name}-nat"
  location            = var.location
  resource_group_name = var.rg_name
  allocation_method   = "Static"
  sku                 = "Standard"
  tags                = var.tags
}

resource "azurerm_nat_gateway" "nat" {
  name                = "nat-${var.name}"
  location            = var.location
  resource_group_name = var.rg_name
  tags                = var.tags
}

resource "azurerm_nat_gateway_public_ip_association" "nat" {
  nat_gateway_id       = azurerm_nat_gateway.nat.id
  public_ip_address_id = azurerm_public_ip.nat.id
}

resource "azurerm_subnet_nat_gateway_association" "training" {
  subnet_id      = azurerm_subnet.this["training"].id
  nat_gateway_id = azurerm_nat_gateway.nat.id
}
"#;

const TF_NETWORK_OUTPUTS: &str = r#"output "vnet_id" {
  value = azurerm_virtual_network.this.id
}

output "training_subnet_id" {
  value = azurerm_subnet.this["training"].id
}

output "endpoints_subnet_id" {
  value = azurerm_subnet.this["endpoints"].id
}
"#;

const TF_COMPUTE_MAIN: &str = r#"# GPU training clusters and personal compute instances of one workspace.

variable "workspace_id" {
  type = string
}

variable "location" {
  type = string
}

variable "subnet_id" {
  description = "Subnet of the compute; null for compute outside any VNet"
  type        = string
  default     = null
}

variable "cluster_count" {
  type    = number
  default = 0
}

variable "instances" {
  description = "Owners of a personal compute instance"
  type        = list(string)
  default     = []
}

variable "vm_size" {
  type    = string
  default = "Standard_NC6s_v3"
}

resource "azurerm_machine_learning_compute_cluster" "gpu" {
  count                         = var.cluster_count
  name                          = "gpu${count.index}"
  location                      = var.location
  machine_learning_workspace_id = var.workspace_id
  vm_size                       = var.vm_size
  vm_priority                   = count.index % 2 == 0 ? "LowPriority" : "Dedicated"
  subnet_resource_id            = var.subnet_id
  node_public_ip_enabled        = var.subnet_id == null

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30M"
  }
}

resource "azurerm_machine_learning_compute_instance" "ci" {
  for_each                      = toset(var.instances)
  name                          = "ci-${each.key}"
  machine_learning_workspace_id = var.workspace_id
  virtual_machine_size          = "Standard_DS3_v2"
  subnet_resource_id            = var.subnet_id
  node_public_ip_enabled        = var.subnet_id == null
}

output "cluster_names" {
  value = azurerm_machine_learning_compute_cluster.gpu[*].name
}
"#;

const TF_VARIABLES: &str = r#"variable "prefix" {
  description = "Short unique name of the deployment"
  type        = string
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "owner" {
  type    = string
  default = "ml-platform"
}

variable "acr_sku" {
  description = "SKU of the workspace's container registry"
  type        = string
  default     = "Premium"
}

variable "network_base" {
  description = "Supernet the VNet is carved from"
  type        = string
  default     = "10.0.0.0/12"
}

variable "image_build_compute" {
  description = "CPU cluster that builds environment images inside the VNet"
  type        = string
  default     = "cpu-cluster"
}

variable "gpu_clusters" {
  type    = number
  default = 0
}

variable "instances" {
  type    = list(string)
  default = []
}

variable "unlinked_zones" {
  description = "Private DNS zones not linked to the VNet (their names resolve elsewhere)"
  type        = list(string)
  default     = []
}
"#;

const TF_MAIN_ISOLATED: &str = r#"# A network-isolated Azure ML workspace: every dependency behind a private
# endpoint with its private DNS zone linked to the VNet, a Premium registry,
# a CPU image-build cluster behind a NAT gateway, workspace-based monitoring
# in an Azure Monitor private link scope.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_client_config" "current" {}

locals {
  tags = {
    deployment = var.prefix
    owner      = var.owner
  }
  endpoints = {
    ws_api = { id = azurerm_machine_learning_workspace.ws.id, group = "amlworkspace", zones = ["api", "notebooks"] }
    blob   = { id = azurerm_storage_account.st.id, group = "blob", zones = ["blob"] }
    file   = { id = azurerm_storage_account.st.id, group = "file", zones = ["file"] }
    vault  = { id = azurerm_key_vault.kv.id, group = "vault", zones = ["vault"] }
    acr    = { id = azurerm_container_registry.acr.id, group = "registry", zones = ["acr"] }
  }
  zones = {
    api       = "privatelink.api.azureml.ms"
    notebooks = "privatelink.notebooks.azure.net"
    blob      = "privatelink.blob.core.windows.net"
    file      = "privatelink.file.core.windows.net"
    vault     = "privatelink.vaultcore.azure.net"
    acr       = "privatelink.azurecr.io"
  }
  linked_zones = { for k, v in local.zones : k => v if !contains(var.unlinked_zones, k) }
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${var.prefix}"
  location = var.location
  tags     = local.tags
}

module "network" {
  source   = "../modules/network"
  name     = "vnet-${var.prefix}"
  location = azurerm_resource_group.rg.location
  rg_name  = azurerm_resource_group.rg.name
  base     = var.network_base
  tags     = local.tags
}

resource "azurerm_log_analytics_workspace" "law" {
  name                = "log-${var.prefix}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  retention_in_days   = 30
}

resource "azurerm_application_insights" "ai" {
  name                = "appi-${var.prefix}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  application_type    = "web"
  workspace_id        = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_monitor_private_link_scope" "ampls" {
  name                = "ampls-${var.prefix}"
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_monitor_private_link_scoped_service" "ai" {
  name                = "ai"
  resource_group_name = azurerm_resource_group.rg.name
  scope_name          = azurerm_monitor_private_link_scope.ampls.name
  linked_resource_id  = azurerm_application_insights.ai.id
}

resource "azurerm_key_vault" "kv" {
  name                          = "kv-${var.prefix}"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  public_network_access_enabled = false
  purge_protection_enabled      = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}

resource "azurerm_storage_account" "st" {
  name                            = "st${var.prefix}"
  location                        = azurerm_resource_group.rg.location
  resource_group_name             = azurerm_resource_group.rg.name
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  public_network_access_enabled   = false
  allow_nested_items_to_be_public = false
  tags                            = local.tags

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }
}

resource "azurerm_container_registry" "acr" {
  name                          = "acr${var.prefix}"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  sku                           = var.acr_sku
  public_network_access_enabled = false
  network_rule_bypass_option    = "AzureServices"
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw-${var.prefix}"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  application_insights_id       = azurerm_application_insights.ai.id
  key_vault_id                  = azurerm_key_vault.kv.id
  storage_account_id            = azurerm_storage_account.st.id
  container_registry_id         = azurerm_container_registry.acr.id
  public_network_access_enabled = false
  image_build_compute_name      = var.image_build_compute
  tags                          = local.tags

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_dns_zone" "zone" {
  for_each            = local.zones
  name                = each.value
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_private_dns_zone_virtual_network_link" "link" {
  for_each              = local.linked_zones
  name                  = "link-${var.prefix}-${each.key}"
  resource_group_name   = azurerm_resource_group.rg.name
  private_dns_zone_name = azurerm_private_dns_zone.zone[each.key].name
  virtual_network_id    = module.network.vnet_id
}

resource "azurerm_private_endpoint" "pe" {
  for_each            = local.endpoints
  name                = "pe-${var.prefix}-${each.key}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = module.network.endpoints_subnet_id

  private_service_connection {
    name                           = each.key
    private_connection_resource_id = each.value.id
    subresource_names              = [each.value.group]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [for z in each.value.zones : azurerm_private_dns_zone.zone[z].id]
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = var.image_build_compute
  location                      = azurerm_resource_group.rg.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = module.network.training_subnet_id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

module "compute" {
  source        = "../modules/compute"
  workspace_id  = azurerm_machine_learning_workspace.ws.id
  location      = azurerm_resource_group.rg.location
  subnet_id     = module.network.training_subnet_id
  cluster_count = var.gpu_clusters
  instances     = var.instances
}
"#;

const TF_MAIN_PUBLIC: &str = r#"# A public development workspace: no VNet, no private endpoints.

provider "azurerm" {
  features {}
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${var.prefix}"
  location = var.location
}

resource "azurerm_log_analytics_workspace" "law" {
  name                = "log-${var.prefix}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_application_insights" "ai" {
  name                = "appi-${var.prefix}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  application_type    = "web"
  workspace_id        = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_key_vault" "kv" {
  name                = "kv-${var.prefix}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"
}

resource "azurerm_storage_account" "st" {
  name                     = "st${var.prefix}"
  location                 = azurerm_resource_group.rg.location
  resource_group_name      = azurerm_resource_group.rg.name
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_container_registry" "acr" {
  name                = "acr${var.prefix}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  sku                 = "Standard"
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw-${var.prefix}"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  application_insights_id       = azurerm_application_insights.ai.id
  key_vault_id                  = azurerm_key_vault.kv.id
  storage_account_id            = azurerm_storage_account.st.id
  container_registry_id         = azurerm_container_registry.acr.id
  public_network_access_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

module "compute" {
  source        = "../modules/compute"
  workspace_id  = azurerm_machine_learning_workspace.ws.id
  location      = azurerm_resource_group.rg.location
  cluster_count = var.gpu_clusters
  vm_size       = "Standard_DS3_v2"
}
"#;

fn hcl_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn tfvars(d: &Dep) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "prefix       = \"{}\"", d.prefix);
    let _ = writeln!(s, "location     = \"{}\"", d.location);
    let _ = writeln!(s, "owner        = \"{}\"", d.owner);
    let _ = writeln!(s, "gpu_clusters = {}", d.gpu_clusters);
    if d.isolated {
        let _ = writeln!(s, "instances    = {}", hcl_list(&d.instances));
        let base = if d.fault == Some(FaultKind::DockerBridge) {
            // cidrsubnet("172.16.0.0/12", 4, 1) is Docker's 172.17.0.0/16.
            "172.16.0.0/12".to_string()
        } else {
            format!("10.{}.0.0/12", d.octet)
        };
        let _ = writeln!(s, "network_base = \"{base}\"");
        if d.fault == Some(FaultKind::BasicRegistry) {
            let _ = writeln!(s, "acr_sku      = \"Basic\"");
        }
        if d.fault == Some(FaultKind::UnlinkedZone) {
            let _ = writeln!(s, "unlinked_zones = [\"{UNLINKED_ZONE}\"]");
        }
    }
    s
}

// ---------------------------------------------------------------------- ARM

fn rid(ty: &str, name_expr: &str) -> String {
    format!("[resourceId('{ty}', {name_expr})]")
}

fn arm_template() -> String {
    let zones: Vec<Json> = ZONES
        .iter()
        .map(|(k, z)| json!({"key": k, "zone": z}))
        .collect();
    let zone_id = |key: &str| {
        let zone = ZONES
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, z)| *z)
            .unwrap_or_default();
        rid("Microsoft.Network/privateDnsZones", &format!("'{zone}'"))
    };
    let endpoints: [(&str, String, &str, &[&str]); 5] = [
        (
            "ws",
            rid(
                "Microsoft.MachineLearningServices/workspaces",
                "variables('wsName')",
            ),
            "amlworkspace",
            &["api", "notebooks"],
        ),
        (
            "blob",
            rid("Microsoft.Storage/storageAccounts", "variables('stName')"),
            "blob",
            &["blob"],
        ),
        (
            "file",
            rid("Microsoft.Storage/storageAccounts", "variables('stName')"),
            "file",
            &["file"],
        ),
        (
            "vault",
            rid("Microsoft.KeyVault/vaults", "variables('kvName')"),
            "vault",
            &["vault"],
        ),
        (
            "acr",
            rid(
                "Microsoft.ContainerRegistry/registries",
                "variables('acrName')",
            ),
            "registry",
            &["acr"],
        ),
    ];
    let pe_subnet = rid(
        "Microsoft.Network/virtualNetworks/subnets",
        "variables('vnetName'), 'snet-endpoints'",
    );
    let training_subnet = rid(
        "Microsoft.Network/virtualNetworks/subnets",
        "variables('vnetName'), 'snet-training'",
    );
    let mut resources: Vec<Json> = vec![
        json!({
            "type": "Microsoft.Network/networkSecurityGroups",
            "apiVersion": "2024-05-01",
            "name": "[variables('nsgName')]",
            "location": "[parameters('location')]",
            "tags": "[variables('tags')]",
            "properties": {
                "securityRules": [{
                    "name": "AllowAzureMachineLearningInbound",
                    "properties": {
                        "priority": 100,
                        "direction": "Inbound",
                        "access": "Allow",
                        "protocol": "Tcp",
                        "sourcePortRange": "*",
                        "destinationPortRange": "44224",
                        "sourceAddressPrefix": "AzureMachineLearning",
                        "destinationAddressPrefix": "VirtualNetwork"
                    }
                }]
            }
        }),
        json!({
            "type": "Microsoft.Network/routeTables",
            "apiVersion": "2024-05-01",
            "name": "[variables('rtName')]",
            "location": "[parameters('location')]",
            "properties": {
                "routes": [{
                    "name": "vnet-local",
                    "properties": {
                        "addressPrefix": "[parameters('vnetAddressPrefix')]",
                        "nextHopType": "VnetLocal"
                    }
                }]
            }
        }),
        json!({
            "type": "Microsoft.Network/publicIPAddresses",
            "apiVersion": "2024-05-01",
            "name": "[concat('pip-', variables('natName'))]",
            "location": "[parameters('location')]",
            "sku": {"name": "Standard"},
            "properties": {"publicIPAllocationMethod": "Static"}
        }),
        json!({
            "type": "Microsoft.Network/natGateways",
            "apiVersion": "2024-05-01",
            "name": "[variables('natName')]",
            "location": "[parameters('location')]",
            "sku": {"name": "Standard"},
            "dependsOn": [rid("Microsoft.Network/publicIPAddresses", "concat('pip-', variables('natName'))")],
            "properties": {
                "publicIpAddresses": [{"id": rid("Microsoft.Network/publicIPAddresses", "concat('pip-', variables('natName'))")}]
            }
        }),
        json!({
            "type": "Microsoft.Network/virtualNetworks",
            "apiVersion": "2024-05-01",
            "name": "[variables('vnetName')]",
            "location": "[parameters('location')]",
            "tags": "[variables('tags')]",
            "properties": {
                "addressSpace": {"addressPrefixes": ["[parameters('vnetAddressPrefix')]"]}
            }
        }),
        json!({
            "type": "Microsoft.Network/virtualNetworks/subnets",
            "apiVersion": "2024-05-01",
            "name": "[concat(variables('vnetName'), '/snet-training')]",
            "dependsOn": [
                rid("Microsoft.Network/virtualNetworks", "variables('vnetName')"),
                rid("Microsoft.Network/networkSecurityGroups", "variables('nsgName')"),
                rid("Microsoft.Network/routeTables", "variables('rtName')"),
                rid("Microsoft.Network/natGateways", "variables('natName')")
            ],
            "properties": {
                "addressPrefix": "[variables('trainingPrefix')]",
                "networkSecurityGroup": {"id": rid("Microsoft.Network/networkSecurityGroups", "variables('nsgName')")},
                "routeTable": {"id": rid("Microsoft.Network/routeTables", "variables('rtName')")},
                "natGateway": {"id": rid("Microsoft.Network/natGateways", "variables('natName')")}
            }
        }),
        json!({
            "type": "Microsoft.Network/virtualNetworks/subnets",
            "apiVersion": "2024-05-01",
            "name": "[concat(variables('vnetName'), '/snet-endpoints')]",
            "dependsOn": [training_subnet],
            "properties": {
                "addressPrefix": "[variables('endpointsPrefix')]",
                "privateEndpointNetworkPolicies": "Disabled"
            }
        }),
        json!({
            "type": "Microsoft.OperationalInsights/workspaces",
            "apiVersion": "2023-09-01",
            "name": "[concat('log-', parameters('prefix'))]",
            "location": "[parameters('location')]",
            "properties": {"retentionInDays": 30, "sku": {"name": "PerGB2018"}}
        }),
        json!({
            "type": "Microsoft.Insights/components",
            "apiVersion": "2020-02-02",
            "name": "[variables('appiName')]",
            "location": "[parameters('location')]",
            "kind": "web",
            "properties": {
                "Application_Type": "web",
                "WorkspaceResourceId": rid("Microsoft.OperationalInsights/workspaces", "concat('log-', parameters('prefix'))")
            }
        }),
        json!({
            "type": "Microsoft.Insights/privateLinkScopes",
            "apiVersion": "2021-07-01-preview",
            "name": "[concat('ampls-', parameters('prefix'))]",
            "location": "global",
            "properties": {
                "accessModeSettings": {"queryAccessMode": "Open", "ingestionAccessMode": "Open"}
            }
        }),
        json!({
            "type": "Microsoft.Insights/privateLinkScopes/scopedResources",
            "apiVersion": "2021-07-01-preview",
            "name": "[concat('ampls-', parameters('prefix'), '/appi')]",
            "dependsOn": [rid("Microsoft.Insights/privateLinkScopes", "concat('ampls-', parameters('prefix'))")],
            "properties": {
                "linkedResourceId": rid("Microsoft.Insights/components", "variables('appiName')")
            }
        }),
        json!({
            "type": "Microsoft.KeyVault/vaults",
            "apiVersion": "2023-07-01",
            "name": "[variables('kvName')]",
            "location": "[parameters('location')]",
            "properties": {
                "tenantId": "[subscription().tenantId]",
                "sku": {"family": "A", "name": "standard"},
                "enablePurgeProtection": true,
                "publicNetworkAccess": "Disabled",
                "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"}
            }
        }),
        json!({
            "type": "Microsoft.Storage/storageAccounts",
            "apiVersion": "2023-05-01",
            "name": "[variables('stName')]",
            "location": "[parameters('location')]",
            "kind": "StorageV2",
            "sku": {"name": "Standard_LRS"},
            "properties": {
                "allowBlobPublicAccess": false,
                "publicNetworkAccess": "Disabled",
                "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"}
            }
        }),
        json!({
            "type": "Microsoft.ContainerRegistry/registries",
            "apiVersion": "2023-07-01",
            "name": "[variables('acrName')]",
            "location": "[parameters('location')]",
            "sku": {"name": "[parameters('acrSku')]"},
            "properties": {
                "publicNetworkAccess": "Disabled",
                "networkRuleBypassOptions": "AzureServices"
            }
        }),
        json!({
            "type": "Microsoft.MachineLearningServices/workspaces",
            "apiVersion": "2024-10-01",
            "name": "[variables('wsName')]",
            "location": "[parameters('location')]",
            "identity": {"type": "SystemAssigned"},
            "tags": "[variables('tags')]",
            "dependsOn": [
                rid("Microsoft.Storage/storageAccounts", "variables('stName')"),
                rid("Microsoft.KeyVault/vaults", "variables('kvName')"),
                rid("Microsoft.Insights/components", "variables('appiName')"),
                rid("Microsoft.ContainerRegistry/registries", "variables('acrName')")
            ],
            "properties": {
                "storageAccount": rid("Microsoft.Storage/storageAccounts", "variables('stName')"),
                "keyVault": rid("Microsoft.KeyVault/vaults", "variables('kvName')"),
                "applicationInsights": rid("Microsoft.Insights/components", "variables('appiName')"),
                "containerRegistry": rid("Microsoft.ContainerRegistry/registries", "variables('acrName')"),
                "publicNetworkAccess": "Disabled",
                "imageBuildCompute": "cpu-cluster"
            }
        }),
        json!({
            "type": "Microsoft.Network/privateDnsZones",
            "apiVersion": "2020-06-01",
            "name": "[variables('zones')[copyIndex()].zone]",
            "location": "global",
            "copy": {"name": "zones", "count": "[length(variables('zones'))]"},
            "properties": {}
        }),
        json!({
            "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
            "apiVersion": "2020-06-01",
            "name": "[concat(variables('zones')[copyIndex()].zone, '/link-', parameters('prefix'))]",
            "location": "global",
            "condition": "[not(equals(variables('zones')[copyIndex()].key, parameters('unlinkedZone')))]",
            "copy": {"name": "links", "count": "[length(variables('zones'))]"},
            "dependsOn": ["zones", rid("Microsoft.Network/virtualNetworks", "variables('vnetName')")],
            "properties": {
                "registrationEnabled": false,
                "virtualNetwork": {"id": rid("Microsoft.Network/virtualNetworks", "variables('vnetName')")}
            }
        }),
    ];
    for (key, target, group, zone_keys) in &endpoints {
        let pe_name = format!("concat('pe-', parameters('prefix'), '-{key}')");
        resources.push(json!({
            "type": "Microsoft.Network/privateEndpoints",
            "apiVersion": "2024-05-01",
            "name": format!("[{pe_name}]"),
            "location": "[parameters('location')]",
            "dependsOn": [pe_subnet, target],
            "properties": {
                "subnet": {"id": pe_subnet},
                "privateLinkServiceConnections": [{
                    "name": key,
                    "properties": {"privateLinkServiceId": target, "groupIds": [group]}
                }]
            }
        }));
        let configs: Vec<Json> = zone_keys
            .iter()
            .map(|z| json!({"name": z, "properties": {"privateDnsZoneId": zone_id(z)}}))
            .collect();
        resources.push(json!({
            "type": "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
            "apiVersion": "2024-05-01",
            "name": format!("[concat('pe-', parameters('prefix'), '-{key}', '/default')]"),
            "dependsOn": [rid("Microsoft.Network/privateEndpoints", &pe_name), "zones"],
            "properties": {"privateDnsZoneConfigs": configs}
        }));
    }
    let ws_dep = rid(
        "Microsoft.MachineLearningServices/workspaces",
        "variables('wsName')",
    );
    resources.push(json!({
        "type": "Microsoft.MachineLearningServices/workspaces/computes",
        "apiVersion": "2024-10-01",
        "name": "[concat(variables('wsName'), '/cpu-cluster')]",
        "location": "[parameters('location')]",
        "dependsOn": [ws_dep, training_subnet],
        "properties": {
            "computeType": "AmlCompute",
            "properties": {
                "vmSize": "Standard_DS3_v2",
                "vmPriority": "Dedicated",
                "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 4, "nodeIdleTimeBeforeScaleDown": "PT15M"},
                "subnet": {"id": training_subnet},
                "enableNodePublicIp": false
            }
        }
    }));
    resources.push(json!({
        "type": "Microsoft.MachineLearningServices/workspaces/computes",
        "apiVersion": "2024-10-01",
        "name": "[concat(variables('wsName'), '/gpu', copyIndex())]",
        "location": "[parameters('location')]",
        "copy": {"name": "gpu", "count": "[parameters('gpuClusterCount')]"},
        "dependsOn": [ws_dep],
        "properties": {
            "computeType": "AmlCompute",
            "properties": {
                "vmSize": "Standard_NC6s_v3",
                "vmPriority": "[if(equals(mod(copyIndex(), 2), 0), 'LowPriority', 'Dedicated')]",
                "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 2},
                "subnet": {"id": training_subnet},
                "enableNodePublicIp": false
            }
        }
    }));
    resources.push(json!({
        "type": "Microsoft.MachineLearningServices/workspaces/computes",
        "apiVersion": "2024-10-01",
        "name": "[concat(variables('wsName'), '/ci-', parameters('instanceOwners')[copyIndex()])]",
        "location": "[parameters('location')]",
        "copy": {"name": "instances", "count": "[length(parameters('instanceOwners'))]"},
        "dependsOn": [ws_dep],
        "properties": {
            "computeType": "ComputeInstance",
            "properties": {
                "vmSize": "Standard_DS3_v2",
                "subnet": {"id": training_subnet},
                "enableNodePublicIp": false
            }
        }
    }));
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "metadata": {"description": "A network-isolated Azure ML workspace (generated by isolint-gen)."},
        "parameters": {
            "prefix": {"type": "string", "maxLength": 12},
            "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
            "owner": {"type": "string", "defaultValue": "ml-platform"},
            "acrSku": {"type": "string", "defaultValue": "Premium", "allowedValues": ["Basic", "Standard", "Premium"]},
            "vnetAddressPrefix": {"type": "string", "defaultValue": "10.1.0.0/16"},
            "gpuClusterCount": {"type": "int", "defaultValue": 0, "minValue": 0, "maxValue": 64},
            "instanceOwners": {"type": "array", "defaultValue": []},
            "unlinkedZone": {"type": "string", "defaultValue": ""}
        },
        "variables": {
            "tags": {"deployment": "[parameters('prefix')]", "owner": "[parameters('owner')]"},
            "vnetName": "[concat('vnet-', parameters('prefix'))]",
            "nsgName": "[concat('nsg-', parameters('prefix'), '-training')]",
            "rtName": "[concat('rt-', parameters('prefix'), '-training')]",
            "natName": "[concat('nat-', parameters('prefix'))]",
            "trainingPrefix": "[cidrSubnet(parameters('vnetAddressPrefix'), 24, 1)]",
            "endpointsPrefix": "[cidrSubnet(parameters('vnetAddressPrefix'), 24, 2)]",
            "appiName": "[concat('appi-', parameters('prefix'))]",
            "kvName": "[concat('kv-', parameters('prefix'))]",
            "stName": "[concat('st', parameters('prefix'))]",
            "acrName": "[concat('acr', parameters('prefix'))]",
            "wsName": "[concat('mlw-', parameters('prefix'))]",
            "zones": zones
        },
        "resources": resources,
        "outputs": {
            "workspaceId": {"type": "string", "value": ws_dep}
        }
    });
    let mut s = serde_json::to_string_pretty(&template).unwrap_or_default();
    s.push('\n');
    s
}

fn vnet_prefix(d: &Dep) -> String {
    if d.fault == Some(FaultKind::DockerBridge) {
        "172.17.0.0/16".to_string()
    } else {
        format!("10.{}.0.0/16", d.octet + 1)
    }
}

fn arm_parameters(d: &Dep) -> String {
    let mut params = serde_json::Map::new();
    params.insert("prefix".into(), json!({"value": d.prefix}));
    params.insert("location".into(), json!({"value": d.location}));
    params.insert("owner".into(), json!({"value": d.owner}));
    params.insert("vnetAddressPrefix".into(), json!({"value": vnet_prefix(d)}));
    params.insert("gpuClusterCount".into(), json!({"value": d.gpu_clusters}));
    params.insert("instanceOwners".into(), json!({"value": d.instances}));
    if d.fault == Some(FaultKind::BasicRegistry) {
        params.insert("acrSku".into(), json!({"value": "Basic"}));
    }
    if d.fault == Some(FaultKind::UnlinkedZone) {
        params.insert("unlinkedZone".into(), json!({"value": UNLINKED_ZONE}));
    }
    let doc = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "contentVersion": "1.0.0.0",
        "parameters": params
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

// -------------------------------------------------------------------- Bicep

const BICEP_NETWORK: &str = r#"// The network of one isolated workspace: VNet, a training subnet with NSG,
// route table and NAT gateway, and a subnet for private endpoints.

param name string
param location string
param addressPrefix string
param tags object = {}

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-${name}-training'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'AllowAzureMachineLearningInbound'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '44224'
          sourceAddressPrefix: 'AzureMachineLearning'
          destinationAddressPrefix: 'VirtualNetwork'
        }
      }
    ]
  }
}

resource rt 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-${name}-training'
  location: location
  properties: {
    routes: [
      {
        name: 'vnet-local'
        properties: {
          addressPrefix: addressPrefix
          nextHopType: 'VnetLocal'
        }
      }
    ]
  }
}

resource pip 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'pip-nat-${name}'
  location: location
  sku: { name: 'Standard' }
  properties: { publicIPAllocationMethod: 'Static' }
}

resource nat 'Microsoft.Network/natGateways@2024-05-01' = {
  name: 'nat-${name}'
  location: location
  sku: { name: 'Standard' }
  properties: {
    publicIpAddresses: [ { id: pip.id } ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${name}'
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [ addressPrefix ] }
  }
}

resource training 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'snet-training'
  properties: {
    addressPrefix: cidrSubnet(addressPrefix, 24, 1)
    networkSecurityGroup: { id: nsg.id }
    routeTable: { id: rt.id }
    natGateway: { id: nat.id }
  }
}

resource endpoints 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'snet-endpoints'
  dependsOn: [ training ]
  properties: {
    addressPrefix: cidrSubnet(addressPrefix, 24, 2)
    privateEndpointNetworkPolicies: 'Disabled'
  }
}

output vnetId string = vnet.id
output trainingSubnetId string = training.id
output endpointsSubnetId string = endpoints.id
"#;

const BICEP_MAIN: &str = r#"// A network-isolated Azure ML workspace (generated by isolint-gen).

@maxLength(12)
param prefix string
param location string = resourceGroup().location
param owner string = 'ml-platform'
@allowed([ 'Basic', 'Standard', 'Premium' ])
param acrSku string = 'Premium'
param vnetAddressPrefix string = '10.1.0.0/16'
@minValue(0)
param gpuClusterCount int = 0
param instanceOwners array = []
param unlinkedZone string = ''

var tags = {
  deployment: prefix
  owner: owner
}

var zones = [
  { key: 'api', zone: 'privatelink.api.azureml.ms' }
  { key: 'notebooks', zone: 'privatelink.notebooks.azure.net' }
  { key: 'blob', zone: 'privatelink.blob.core.windows.net' }
  { key: 'file', zone: 'privatelink.file.core.windows.net' }
  { key: 'vault', zone: 'privatelink.vaultcore.azure.net' }
  { key: 'acr', zone: 'privatelink.azurecr.io' }
]

module network '../modules/network.bicep' = {
  name: 'network-${prefix}'
  params: {
    name: prefix
    location: location
    addressPrefix: vnetAddressPrefix
    tags: tags
  }
}

resource law 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${prefix}'
  location: location
  properties: {
    retentionInDays: 30
    sku: { name: 'PerGB2018' }
  }
}

resource appi 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${prefix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: law.id
  }
}

resource ampls 'Microsoft.Insights/privateLinkScopes@2021-07-01-preview' = {
  name: 'ampls-${prefix}'
  location: 'global'
  properties: {
    accessModeSettings: {
      queryAccessMode: 'Open'
      ingestionAccessMode: 'Open'
    }
  }
}

resource amplsAppi 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-07-01-preview' = {
  parent: ampls
  name: 'appi'
  properties: {
    linkedResourceId: appi.id
  }
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${prefix}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enablePurgeProtection: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${prefix}'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  tags: tags
  properties: {
    allowBlobPublicAccess: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr${prefix}'
  location: location
  sku: { name: acrSku }
  properties: {
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: 'AzureServices'
  }
}

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-${prefix}'
  location: location
  identity: { type: 'SystemAssigned' }
  tags: tags
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: appi.id
    containerRegistry: acr.id
    publicNetworkAccess: 'Disabled'
    imageBuildCompute: 'cpu-cluster'
  }
}

resource dnsZones 'Microsoft.Network/privateDnsZones@2020-06-01' = [for z in zones: {
  name: z.zone
  location: 'global'
}]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (z, i) in zones: if (z.key != unlinkedZone) {
  name: '${z.zone}/link-${prefix}'
  location: 'global'
  dependsOn: [ dnsZones[i] ]
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: network.outputs.vnetId }
  }
}]

var endpoints = [
  { key: 'ws', target: ws.id, group: 'amlworkspace', zones: [ 'privatelink.api.azureml.ms', 'privatelink.notebooks.azure.net' ] }
  { key: 'blob', target: st.id, group: 'blob', zones: [ 'privatelink.blob.core.windows.net' ] }
  { key: 'file', target: st.id, group: 'file', zones: [ 'privatelink.file.core.windows.net' ] }
  { key: 'vault', target: kv.id, group: 'vault', zones: [ 'privatelink.vaultcore.azure.net' ] }
  { key: 'acr', target: acr.id, group: 'registry', zones: [ 'privatelink.azurecr.io' ] }
]

resource pes 'Microsoft.Network/privateEndpoints@2024-05-01' = [for e in endpoints: {
  name: 'pe-${prefix}-${e.key}'
  location: location
  properties: {
    subnet: { id: network.outputs.endpointsSubnetId }
    privateLinkServiceConnections: [
      {
        name: e.key
        properties: {
          privateLinkServiceId: e.target
          groupIds: [ e.group ]
        }
      }
    ]
  }
}]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [for (e, i) in endpoints: {
  parent: pes[i]
  name: 'default'
  dependsOn: [ dnsZones ]
  properties: {
    privateDnsZoneConfigs: [for z in e.zones: {
      name: replace(z, '.', '-')
      properties: {
        privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', z)
      }
    }]
  }
}]

resource cpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: ws
  name: 'cpu-cluster'
  location: location
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 4, nodeIdleTimeBeforeScaleDown: 'PT15M' }
      subnet: { id: network.outputs.trainingSubnetId }
      enableNodePublicIp: false
    }
  }
}

resource gpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = [for i in range(0, gpuClusterCount): {
  parent: ws
  name: 'gpu${i}'
  location: location
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
      vmPriority: i % 2 == 0 ? 'LowPriority' : 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: network.outputs.trainingSubnetId }
      enableNodePublicIp: false
    }
  }
}]

resource instances 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = [for o in instanceOwners: {
  parent: ws
  name: 'ci-${o}'
  location: location
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
      subnet: { id: network.outputs.trainingSubnetId }
      enableNodePublicIp: false
    }
  }
}]

output workspaceId string = ws.id
"#;

fn bicep_list(items: &[String]) -> String {
    if items.is_empty() {
        return "[]".into();
    }
    let quoted: Vec<String> = items.iter().map(|s| format!("'{s}'")).collect();
    format!("[ {} ]", quoted.join(", "))
}

fn bicepparam(d: &Dep) -> String {
    let mut s = String::from("using 'main.bicep'\n\n");
    let _ = writeln!(s, "param prefix = '{}'", d.prefix);
    let _ = writeln!(s, "param location = '{}'", d.location);
    let _ = writeln!(s, "param owner = '{}'", d.owner);
    let _ = writeln!(s, "param vnetAddressPrefix = '{}'", vnet_prefix(d));
    let _ = writeln!(s, "param gpuClusterCount = {}", d.gpu_clusters);
    let _ = writeln!(s, "param instanceOwners = {}", bicep_list(&d.instances));
    if d.fault == Some(FaultKind::BasicRegistry) {
        let _ = writeln!(s, "param acrSku = 'Basic'");
    }
    if d.fault == Some(FaultKind::UnlinkedZone) {
        let _ = writeln!(s, "param unlinkedZone = '{UNLINKED_ZONE}'");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_ne!(Rng::new(1).next_u64(), Rng::new(2).next_u64());
    }

    #[test]
    fn sizes_add_up_and_stay_in_range() {
        for budget in [10, 37, 38, 81, 100, 1000, 12_345] {
            for public in [false, true] {
                let mut rng = Rng::new(budget as u64);
                let sizes = plan_sizes(&mut rng, budget, public);
                let total: usize = sizes.iter().map(|s| s.0).sum();
                assert!(
                    total >= budget && total <= budget.max(ISOLATED_BASE),
                    "{budget}"
                );
                if budget >= 100 {
                    assert_eq!(total, budget);
                    for (s, _) in &sizes {
                        assert!((MIN_DEPLOYMENT..=MAX_DEPLOYMENT).contains(s));
                    }
                }
            }
        }
    }

    #[test]
    fn formats_parse() {
        assert_eq!(Formats::parse("tf,arm,bicep").unwrap(), Formats::ALL);
        assert!(Formats::parse("tf,xml").is_err());
        assert!(!Formats::parse("arm").unwrap().tf);
    }
}
