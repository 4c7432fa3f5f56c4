resource vnetHub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-hub'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetSpoke 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-spoke'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.128.0/17' ]
    }
  }
}

resource vnetHubHubToSpoke 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01' = {
  parent: vnetHub
  name: 'hub-to-spoke'
  properties: {
    remoteVirtualNetwork: { id: vnetSpoke.id }
    allowVirtualNetworkAccess: true
  }
}
