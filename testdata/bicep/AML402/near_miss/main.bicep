// With [network] reserved_ranges = ["10.0.0.0/8"] in .isolint.toml.
resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-separate'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '192.168.0.0/16' ] }
  }
}
