// Near misses: a workspace endpoint with both public-cloud zones and one with
// the US Government zone names; a blob endpoint using a central zone in
// another subscription; a file endpoint in a VNet with custom DNS servers; a
// vault endpoint in a VNet whose DNS servers come from a parameter without
// default; a queue endpoint whose zone ID is unknown; a table endpoint that
// may not exist; an endpoint of a storage account no workspace uses.

param dns_servers array
param queue_zone_id string
param with_table bool

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetMlSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-pe'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource vnetCustomDns 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-custom-dns'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.1.0.0/16' ]
    }
    dhcpOptions: {
      dnsServers: [ '10.100.0.4', '10.100.0.5' ]
    }
  }
}

resource vnetCustomDnsSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetCustomDns
  name: 'snet-pe'
  properties: { addressPrefix: '10.1.1.0/24' }
}

resource vnetUnknownDns 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-unknown-dns'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.2.0.0/16' ]
    }
    dhcpOptions: { dnsServers: dns_servers }
  }
}

resource vnetUnknownDnsSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetUnknownDns
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

resource privatelinkApiAzuremlMs 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.api.azureml.ms'
  location: 'global'
  properties: {}
}

resource privatelinkApiAzuremlMsLinkVnetMl 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkApiAzuremlMs
  name: 'link-vnet-ml'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetMl.id }
    registrationEnabled: false
  }
}

resource privatelinkNotebooksAzureNet 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.notebooks.azure.net'
  location: 'global'
  properties: {}
}

resource privatelinkNotebooksAzureNetLinkVnetMl 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkNotebooksAzureNet
  name: 'link-vnet-ml'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetMl.id }
    registrationEnabled: false
  }
}

resource peWs 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ws'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
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

resource privatelinkApiMlAzureUs 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.api.ml.azure.us'
  location: 'global'
  properties: {}
}

resource privatelinkApiMlAzureUsLinkVnetMl 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkApiMlAzureUs
  name: 'link-vnet-ml'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetMl.id }
    registrationEnabled: false
  }
}

resource privatelinkNotebooksUsgovcloudapiNet 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.notebooks.usgovcloudapi.net'
  location: 'global'
  properties: {}
}

resource privatelinkNotebooksUsgovcloudapiNetLinkVnetMl 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkNotebooksUsgovcloudapiNet
  name: 'link-vnet-ml'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetMl.id }
    registrationEnabled: false
  }
}

resource peWsGov 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ws-gov'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-ws-gov'
        properties: {
          privateLinkServiceId: mlw.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

resource peWsGovDefault 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: peWsGov
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'zone0'
        properties: { privateDnsZoneId: privatelinkApiMlAzureUs.id }
      }
      {
        name: 'zone1'
        properties: { privateDnsZoneId: privatelinkNotebooksUsgovcloudapiNet.id }
      }
    ]
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

resource peStBlobDefault 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: peStBlob
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'zone0'
        properties: {
          privateDnsZoneId: '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net'
        }
      }
    ]
  }
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

resource peKv 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-kv'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetUnknownDnsSnetPe.id }
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

resource peStQueue 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-queue'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
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
        properties: { privateDnsZoneId: queue_zone_id }
      }
    ]
  }
}

resource peStTable 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_table) {
  name: 'pe-st-table'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st-table'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ 'table' ]
        }
      }
    ]
  }
}

resource stother 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stother'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource peOther 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-other'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-other'
        properties: {
          privateLinkServiceId: stother.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}
