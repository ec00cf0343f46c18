// Package feature defines the provider's feature gates. Gates switch controllers on and off; the API types
// and their webhooks are always served.
package feature

import (
	"k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/component-base/featuregate"
)

const (
	// MachinePool enables the OCIMachinePool, OCIManagedMachinePool and OCIVirtualMachinePool controllers.
	MachinePool featuregate.Feature = "MachinePool"

	// OKE enables the controllers of Oracle Kubernetes Engine clusters: OCIManagedCluster and
	// OCIManagedControlPlane.
	OKE featuregate.Feature = "OKE"
)

var (
	// MutableGates is the gate set the --feature-gates flag writes to.
	MutableGates featuregate.MutableFeatureGate = featuregate.NewFeatureGate()

	// Gates is the read-only view of MutableGates.
	Gates featuregate.FeatureGate = MutableGates
)

func init() {
	runtime.Must(MutableGates.Add(defaultGates))
}

// defaultGates are on, as beta, as the earlier provider ships them: an in-place switch keeps reconciling OKE
// clusters and machine pools. --feature-gates=OKE=false,MachinePool=false turns them off.
var defaultGates = map[featuregate.Feature]featuregate.FeatureSpec{
	MachinePool: {Default: true, PreRelease: featuregate.Beta},
	OKE:         {Default: true, PreRelease: featuregate.Beta},
}
