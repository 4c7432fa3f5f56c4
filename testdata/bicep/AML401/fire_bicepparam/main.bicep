// The default is fine; the parameter file deploys onto Docker's bridge range.
param addressSpace string = '10.0.0.0/16'

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ addressSpace ] }
  }
}
