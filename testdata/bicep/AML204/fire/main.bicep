// Custom DNS servers on the VNet of a storage private endpoint of the
// workspace and on the VNet of its cluster: private names resolve only if
// those servers forward to Azure DNS.

resource vnetHub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-hub'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
    dhcpOptions: {
      dnsServers: [ '10.0.0.4' ]
    }
  }
}

resource vnetHubSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetHub
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
    dhcpOptions: {
      dnsServers: [ '10.0.0.4', '168.63.129.16' ]
    }
  }
}

resource vnetComputeSnetCompute 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetCompute
  name: 'snet-compute'
  properties: { addressPrefix: '10.1.1.0/24' }
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
    subnet: { id: vnetHubSnetPe.id }
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
