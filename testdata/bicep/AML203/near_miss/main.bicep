// Near misses: the api and notebooks zones are linked to both the endpoint
// VNet and the peered compute VNet; the blob zone is linked to its endpoint's
// VNet; a cluster and a file endpoint in a VNet with custom DNS servers
// (hub-and-spoke resolution, AML204's business) whose zones have no link
// there; a vault zone linked to a VNet ID from a parameter without default; a
// queue zone whose only link may not exist (an if condition on a parameter).

param vnet_id string
param link_queue bool

resource vnetHub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-hub'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
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
  }
}

resource vnetComputeSnetCompute 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetCompute
  name: 'snet-compute'
  properties: { addressPrefix: '10.1.1.0/24' }
}

resource vnetHubHubToCompute 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01' = {
  parent: vnetHub
  name: 'hub-to-compute'
  properties: {
    remoteVirtualNetwork: { id: vnetCompute.id }
    allowVirtualNetworkAccess: true
  }
}

resource vnetCustomDns 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-custom-dns'
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

resource vnetCustomDnsSnetCompute 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetCustomDns
  name: 'snet-compute'
  properties: { addressPrefix: '10.2.1.0/24' }
}

resource vnetCustomDnsSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetCustomDns
  name: 'snet-pe'
  properties: { addressPrefix: '10.2.2.0/24' }
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

resource mlwCpuCustomDns 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlw
  name: 'cpu-custom-dns'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetCustomDnsSnetCompute.id }
      enableNodePublicIp: false
    }
  }
}

resource privatelinkApiAzuremlMs 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.api.azureml.ms'
  location: 'global'
  properties: {}
}

resource privatelinkApiAzuremlMsLinkHub 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkApiAzuremlMs
  name: 'link-hub'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetHub.id }
    registrationEnabled: false
  }
}

resource privatelinkApiAzuremlMsLinkCompute 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkApiAzuremlMs
  name: 'link-compute'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetCompute.id }
    registrationEnabled: false
  }
}

resource privatelinkNotebooksAzureNet 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.notebooks.azure.net'
  location: 'global'
  properties: {}
}

resource privatelinkNotebooksAzureNetLinkHub 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkNotebooksAzureNet
  name: 'link-hub'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetHub.id }
    registrationEnabled: false
  }
}

resource privatelinkNotebooksAzureNetLinkCompute 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkNotebooksAzureNet
  name: 'link-compute'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetCompute.id }
    registrationEnabled: false
  }
}

resource peWs 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ws'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetHubSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-ws'
        properties: {
          privateLinkServiceId: mlw.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

resource peWsDefault 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: peWs
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'zone0'
        properties: { privateDnsZoneId: privatelinkApiAzuremlMs.id }
      }
      {
        name: 'zone1'
        properties: { privateDnsZoneId: privatelinkNotebooksAzureNet.id }
      }
    ]
  }
}

resource privatelinkBlobCoreWindowsNet 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.blob.core.windows.net'
  location: 'global'
  properties: {}
}

resource privatelinkBlobCoreWindowsNetLinkVnetHub 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkBlobCoreWindowsNet
  name: 'link-vnet-hub'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetHub.id }
    registrationEnabled: false
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

resource peStBlobDefault 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: peStBlob
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'zone0'
        properties: { privateDnsZoneId: privatelinkBlobCoreWindowsNet.id }
      }
    ]
  }
}

resource privatelinkFileCoreWindowsNet 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.file.core.windows.net'
  location: 'global'
  properties: {}
}

resource peStFile 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-file'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetCustomDnsSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st-file'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ 'file' ]
        }
      }
    ]
  }
}

resource peStFileDefault 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: peStFile
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'zone0'
        properties: { privateDnsZoneId: privatelinkFileCoreWindowsNet.id }
      }
    ]
  }
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  properties: {}
}

resource privatelinkVaultcoreAzureNetLinkUnknown 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkVaultcoreAzureNet
  name: 'link-unknown'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnet_id }
    registrationEnabled: false
  }
}

resource peKv 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-kv'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetHubSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-kv'
        properties: {
          privateLinkServiceId: kvMl.id
          groupIds: [ 'vault' ]
        }
      }
    ]
  }
}

resource peKvDefault 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: peKv
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'zone0'
        properties: { privateDnsZoneId: privatelinkVaultcoreAzureNet.id }
      }
    ]
  }
}

resource privatelinkQueueCoreWindowsNet 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.queue.core.windows.net'
  location: 'global'
  properties: {}
}

resource privatelinkQueueCoreWindowsNetLinkHub 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = if (link_queue) {
  parent: privatelinkQueueCoreWindowsNet
  name: 'link-hub'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetHub.id }
    registrationEnabled: false
  }
}

resource peStQueue 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-queue'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetHubSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st-queue'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ 'queue' ]
        }
      }
    ]
  }
}

resource peStQueueDefault 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: peStQueue
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'zone0'
        properties: { privateDnsZoneId: privatelinkQueueCoreWindowsNet.id }
      }
    ]
  }
}
