// The VNet's address space is passed to a module as a literal.
param location string = 'westeurope'

module network './modules/network.bicep' = {
  name: 'network'
  params: {
    location: location
    addressSpace: '172.17.0.0/16'
  }
}

output subnetId string = network.outputs.subnetId
