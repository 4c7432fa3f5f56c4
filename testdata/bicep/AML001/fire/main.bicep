resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet'
  properties: {
    addressSpace: { addressPrefixes: [
  }
}
