// Copyright 2026 The CAPOCI Authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package manager

import (
	"context"
	"fmt"

	"sigs.k8s.io/cluster-api/controllers/crdmigrator"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/webhooks/conversion"
)

// The CRD migrator rewrites objects stored in an older version (the earlier provider stored v1beta2) in the storage
// version, v1beta3, then leaves only v1beta3 in each CRD's status.storedVersions; it also drops managed fields of
// versions no longer served.
// +kubebuilder:rbac:groups=apiextensions.k8s.io,resources=customresourcedefinitions,verbs=get;list;watch
// +kubebuilder:rbac:groups=apiextensions.k8s.io,resources=customresourcedefinitions;customresourcedefinitions/status,verbs=patch;update,resourceNames=ociclusters.infrastructure.cluster.x-k8s.io;ociclustertemplates.infrastructure.cluster.x-k8s.io;ocimachines.infrastructure.cluster.x-k8s.io;ocimachinetemplates.infrastructure.cluster.x-k8s.io;ociclusteridentities.infrastructure.cluster.x-k8s.io;ocimanagedclusters.infrastructure.cluster.x-k8s.io;ocimanagedclustertemplates.infrastructure.cluster.x-k8s.io;ocimanagedcontrolplanes.infrastructure.cluster.x-k8s.io;ocimanagedcontrolplanetemplates.infrastructure.cluster.x-k8s.io;ocimachinepools.infrastructure.cluster.x-k8s.io;ocimachinepoolmachines.infrastructure.cluster.x-k8s.io;ocimanagedmachinepools.infrastructure.cluster.x-k8s.io;ocimanagedmachinepooltemplates.infrastructure.cluster.x-k8s.io;ocivirtualmachinepools.infrastructure.cluster.x-k8s.io
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ociclusters;ociclustertemplates;ocimachines;ocimachinetemplates;ociclusteridentities;ocimanagedclusters;ocimanagedclustertemplates;ocimanagedcontrolplanes;ocimanagedcontrolplanetemplates;ocimachinepools;ocimachinepoolmachines;ocimanagedmachinepools;ocimanagedmachinepooltemplates;ocivirtualmachinepools,verbs=get;list;watch;patch;update
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ociclusters/status;ocimachines/status;ociclusteridentities/status;ocimanagedclusters/status;ocimanagedcontrolplanes/status;ocimachinepools/status;ocimachinepoolmachines/status;ocimanagedmachinepools/status;ocivirtualmachinepools/status,verbs=get;patch;update

func init() {
	registrations = append(registrations,
		registration{name: "conversion webhooks", setup: setupConversion},
		registration{name: "CRD migrator", setup: setupCRDMigrator},
	)
}

// setupConversion registers the hub/spoke converter of every kind; the webhook server then serves /convert.
// Conversion does not depend on feature gates: every version of every CRD is served.
func setupConversion(_ context.Context, mgr ctrl.Manager, _ Deps) error {
	for _, c := range conversion.Converters() {
		if err := ctrl.NewWebhookManagedBy(mgr, c.Hub).WithConverter(c.New).Complete(); err != nil {
			return fmt.Errorf("registering the conversion webhook of %T: %w", c.Hub, err)
		}
	}
	return nil
}

// setupCRDMigrator runs Cluster API's CRD migrator for our CRDs, skipping the phases --skip-crd-migration-phases
// names.
func setupCRDMigrator(ctx context.Context, mgr ctrl.Manager, deps Deps) error {
	var skip []crdmigrator.Phase
	if deps.Options != nil {
		for _, p := range deps.Options.SkipCRDMigrationPhases {
			skip = append(skip, crdmigrator.Phase(p))
		}
	}
	migrator := &crdmigrator.CRDMigrator{
		Client:                 mgr.GetClient(),
		APIReader:              mgr.GetAPIReader(),
		SkipCRDMigrationPhases: skip,
		Config:                 CRDMigrationConfig(),
	}
	if err := migrator.SetupWithManager(ctx, mgr, controller.Options{}); err != nil {
		return fmt.Errorf("setting up the CRD migrator: %w", err)
	}
	return nil
}

// CRDMigrationConfig is the CRD migrator's configuration for our 14 kinds. Kinds with a status subresource are
// migrated through it, so that admission webhooks (which may reject an old object a newer release considers
// invalid) do not block the migration; templates have no status and are migrated with a no-op patch.
func CRDMigrationConfig() map[client.Object]crdmigrator.ByObjectConfig {
	withStatus := crdmigrator.ByObjectConfig{UseStatusForStorageVersionMigration: true}
	noStatus := crdmigrator.ByObjectConfig{}
	return map[client.Object]crdmigrator.ByObjectConfig{
		&infrav1.OCICluster{}:                       withStatus,
		&infrav1.OCIClusterTemplate{}:               noStatus,
		&infrav1.OCIMachine{}:                       withStatus,
		&infrav1.OCIMachineTemplate{}:               noStatus,
		&infrav1.OCIClusterIdentity{}:               withStatus,
		&infrav1.OCIManagedCluster{}:                withStatus,
		&infrav1.OCIManagedClusterTemplate{}:        noStatus,
		&infrav1.OCIManagedControlPlane{}:           withStatus,
		&infrav1.OCIManagedControlPlaneTemplate{}:   noStatus,
		&infrav1exp.OCIMachinePool{}:                withStatus,
		&infrav1exp.OCIMachinePoolMachine{}:         withStatus,
		&infrav1exp.OCIManagedMachinePool{}:         withStatus,
		&infrav1exp.OCIManagedMachinePoolTemplate{}: noStatus,
		&infrav1exp.OCIVirtualMachinePool{}:         withStatus,
	}
}
