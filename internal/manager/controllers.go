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
	"errors"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/controller"

	"github.com/oracle/cluster-api-provider-oci/controllers"
	"github.com/oracle/cluster-api-provider-oci/internal/feature"
)

func init() {
	registrations = append(registrations, registration{name: "controllers", setup: setupControllers})
}

// setupControllers registers the controllers. Without the cloud layer (tests of the webhooks alone) the manager
// serves its webhooks and runs no controller.
func setupControllers(ctx context.Context, mgr ctrl.Manager, deps Deps) error {
	if deps.Cloud == nil {
		ctrl.LoggerFrom(ctx).Info("No OCI cloud layer: serving webhooks only")
		return nil
	}
	if deps.Options == nil {
		return errors.New("the controllers need the manager's options")
	}
	o := deps.Options
	cloud := controllers.Cloud{Clients: deps.Cloud.Clients, Identities: deps.Cloud.Identities,
		DriftInterval: deps.Cloud.DriftInterval, DefaultRegion: deps.Cloud.DefaultRegion}
	if err := (&controllers.OCIClusterReconciler{
		Client: mgr.GetClient(), Cloud: cloud, Recorder: mgr.GetEventRecorder("ocicluster-controller"),
		WatchFilterValue: o.WatchFilterValue,
	}).SetupWithManager(ctx, mgr, controller.Options{MaxConcurrentReconciles: o.Concurrency.OCICluster}); err != nil {
		return err
	}
	if err := (&controllers.OCIMachineReconciler{
		Client: mgr.GetClient(), APIReader: mgr.GetAPIReader(), Cloud: cloud,
		Recorder: mgr.GetEventRecorder("ocimachine-controller"), WatchFilterValue: o.WatchFilterValue,
	}).SetupWithManager(ctx, mgr, controller.Options{MaxConcurrentReconciles: o.Concurrency.OCIMachine}); err != nil {
		return err
	}
	if feature.Gates.Enabled(feature.MachinePool) {
		if err := (&controllers.OCIMachinePoolReconciler{
			Client: mgr.GetClient(), APIReader: mgr.GetAPIReader(), Cloud: cloud,
			Recorder: mgr.GetEventRecorder("ocimachinepool-controller"), WatchFilterValue: o.WatchFilterValue,
		}).SetupWithManager(ctx, mgr, controller.Options{MaxConcurrentReconciles: o.Concurrency.OCIMachinePool}); err != nil {
			return err
		}
	}
	return setupOKEControllers(ctx, mgr, o, cloud)
}

// setupOKEControllers registers the OKE controllers when the OKE feature gate is on; node pools also need the
// MachinePool gate.
func setupOKEControllers(ctx context.Context, mgr ctrl.Manager, o *Options, cloud controllers.Cloud) error {
	if !feature.Gates.Enabled(feature.OKE) {
		return nil
	}
	if err := (&controllers.OCIManagedClusterReconciler{
		Client: mgr.GetClient(), Cloud: cloud, Recorder: mgr.GetEventRecorder("ocimanagedcluster-controller"),
		WatchFilterValue: o.WatchFilterValue,
	}).SetupWithManager(ctx, mgr, controller.Options{MaxConcurrentReconciles: o.Concurrency.OCIManagedCluster}); err != nil {
		return err
	}
	if err := (&controllers.OCIManagedControlPlaneReconciler{
		Client: mgr.GetClient(), Cloud: cloud, Recorder: mgr.GetEventRecorder("ocimanagedcontrolplane-controller"),
		TokenRefresh: o.OCI.OKETokenRefresh, WatchFilterValue: o.WatchFilterValue,
	}).SetupWithManager(ctx, mgr, controller.Options{MaxConcurrentReconciles: o.Concurrency.OCIManagedControlPlane}); err != nil {
		return err
	}
	if !feature.Gates.Enabled(feature.MachinePool) {
		return nil
	}
	if err := (&controllers.OCIManagedMachinePoolReconciler{
		Client: mgr.GetClient(), Cloud: cloud, Recorder: mgr.GetEventRecorder("ocimanagedmachinepool-controller"),
		WatchFilterValue: o.WatchFilterValue,
	}).SetupWithManager(ctx, mgr, controller.Options{MaxConcurrentReconciles: o.Concurrency.OCIManagedMachinePool}); err != nil {
		return err
	}
	return (&controllers.OCIVirtualMachinePoolReconciler{
		Client: mgr.GetClient(), Cloud: cloud, Recorder: mgr.GetEventRecorder("ocivirtualmachinepool-controller"),
		WatchFilterValue: o.WatchFilterValue,
	}).SetupWithManager(ctx, mgr, controller.Options{MaxConcurrentReconciles: o.Concurrency.OCIVirtualMachinePool})
}
