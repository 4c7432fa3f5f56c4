// Near misses: a VNet with an empty DNS server list (Azure DNS); a compute
// VNet whose DNS servers come from a parameter without default; a custom-DNS
// VNet that hosts only an endpoint of a storage account no workspace uses, and
// a cluster that may not exist (an if condition on a parameter).

param dns_servers array
param with_cluster bool

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
    dhcpOptions: {
      dnsServers: []
    }
  }
}

resource vnetMlSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-pe'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource vnetCompute 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-compute'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.1.0.0/16' ]
    }
    dhcpOptions: { dnsServers: dns_servers }
  }
}

resource vnetComputeSnetCompute 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetCompute
  name: 'snet-compute'
  properties: { addressPrefix: '10.1.1.0/24' }
}

resource vnetOther 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-other'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.2.0.0/16' ]
    }
    dhcpOptions: {
      dnsServers: [ '10.0.0.4' ]
    }
  }
}

resource vnetOtherSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetOther
  name: 'snet-pe'
  properties: { addressPrefix: '10.2.1.0/24' }
}

resource stml 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource kvMl 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource mlwCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlw
  name: 'cpu'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetComputeSnetCompute.id }
      enableNodePublicIp: false
    }
  }
}

resource peStBlob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st-blob'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource stunrelated 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stunrelated'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource peUnrelated 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-unrelated'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetOtherSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-unrelated'
        properties: {
          privateLinkServiceId: stunrelated.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource mlwCpuMaybe 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = if (with_cluster) {
  parent: mlw
  name: 'cpu-maybe'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetOtherSnetPe.id }
      enableNodePublicIp: false
    }
  }
}
