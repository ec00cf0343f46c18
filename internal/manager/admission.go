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

	ctrl "sigs.k8s.io/controller-runtime"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/webhooks"
)

// The admission webhooks of all 14 kinds are served whatever the feature gates say: only controllers are gated,
// so objects of a disabled feature are still defaulted and validated.
func init() {
	registrations = append(registrations, registration{name: "admission webhooks", setup: setupAdmission})
}

// setupAdmission makes sure the scheme knows the hub types, then registers every kind's webhooks.
func setupAdmission(_ context.Context, mgr ctrl.Manager, deps Deps) error {
	scheme := mgr.GetScheme()
	if !scheme.Recognizes(infrav1.GroupVersion.WithKind("OCICluster")) {
		if err := infrav1.AddToScheme(scheme); err != nil {
			return fmt.Errorf("adding %s to the scheme: %w", infrav1.GroupVersion, err)
		}
	}
	if !scheme.Recognizes(infrav1exp.GroupVersion.WithKind("OCIMachinePool")) {
		if err := infrav1exp.AddToScheme(scheme); err != nil {
			return fmt.Errorf("adding %s (machine pools) to the scheme: %w", infrav1exp.GroupVersion, err)
		}
	}
	opts := &webhooks.Options{Events: mgr.GetEventRecorder("capoci-admission")}
	if deps.Options != nil {
		opts.ManagerUser = deps.Options.ManagerUser
	}
	return webhooks.SetupWithManager(mgr, opts)
}
