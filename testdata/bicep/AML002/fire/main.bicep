// A module from a registry is not fetched; a private endpoint targets a
// key vault declared elsewhere.
module remote 'br/public:avm/res/network/virtual-network:0.7.0' = {
  name: 'remote'
  params: {
    name: 'vnet-remote'
    addressPrefixes: [ '10.0.0.0/16' ]
  }
}

resource pe 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe-elsewhere'
  location: 'westeurope'
  properties: {
    subnet: { id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s' }
    privateLinkServiceConnections: [
      {
        name: 'kv'
        properties: {
          privateLinkServiceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-elsewhere'
          groupIds: [ 'vault' ]
        }
      }
    ]
  }
}
