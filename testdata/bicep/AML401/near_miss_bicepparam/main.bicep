// The default is on Docker's bridge range, but the parameter file overrides it.
param addressSpace string = '172.17.0.0/16'

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ addressSpace ] }
  }
}
