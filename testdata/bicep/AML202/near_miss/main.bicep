// Near misses: a vault endpoint with privatelink.vaultcore.azure.net; a
// registry endpoint with privatelink.azurecr.io and its regional data-endpoint
// zone westeurope.privatelink.azurecr.io; a workspace endpoint with the US
// Government zone names; a zone ID from a parameter without default; a group
// ID from a parameter without default.

param blob_zone_id string
param file_group string

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

resource acrml 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrml'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {}
}

resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrml.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  properties: {}
}

resource privatelinkVaultcoreAzureNetLinkVnetMl 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkVaultcoreAzureNet
  name: 'link-vnet-ml'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetMl.id }
    registrationEnabled: false
  }
}

resource peKv 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-kv'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
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

resource privatelinkAzurecrIo 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'
  properties: {}
}

resource privatelinkAzurecrIoLinkVnetMl 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkAzurecrIo
  name: 'link-vnet-ml'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetMl.id }
    registrationEnabled: false
  }
}

resource westeuropePrivatelinkAzurecrIo 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'westeurope.privatelink.azurecr.io'
  location: 'global'
  properties: {}
}

resource westeuropePrivatelinkAzurecrIoLinkVnetMl 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: westeuropePrivatelinkAzurecrIo
  name: 'link-vnet-ml'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetMl.id }
    registrationEnabled: false
  }
}

resource peAcr 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-acr'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-acr'
        properties: {
          privateLinkServiceId: acrml.id
          groupIds: [ 'registry' ]
        }
      }
    ]
  }
}

resource peAcrDefault 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: peAcr
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'zone0'
        properties: { privateDnsZoneId: privatelinkAzurecrIo.id }
      }
      {
        name: 'zone1'
        properties: { privateDnsZoneId: westeuropePrivatelinkAzurecrIo.id }
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
        properties: { privateDnsZoneId: blob_zone_id }
      }
    ]
  }
}

resource peStFile 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-file'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st-file'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ file_group ]
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
        properties: {
          privateDnsZoneId: '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.file.core.windows.net'
        }
      }
    ]
  }
}
