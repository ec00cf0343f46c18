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

package webhooks

import (
	"context"
	"fmt"
	"reflect"

	"k8s.io/apimachinery/pkg/runtime/schema"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// Webhook is what every kind's webhook type offers.
type Webhook interface {
	// SetupWebhookWithManager registers the kind's defaulting and validating webhooks.
	SetupWebhookWithManager(mgr ctrl.Manager) error
}

// All returns the webhooks of the 14 kinds; they are served whatever the feature gates say.
func All(opts *Options) []Webhook {
	return []Webhook{
		&OCICluster{Options: opts}, &OCIClusterTemplate{}, &OCIMachine{}, &OCIMachineTemplate{}, &OCIClusterIdentity{},
		&OCIManagedCluster{Options: opts}, &OCIManagedClusterTemplate{}, &OCIManagedControlPlane{Options: opts},
		&OCIManagedControlPlaneTemplate{}, &OCIMachinePool{Options: opts}, &OCIMachinePoolMachine{}, &OCIManagedMachinePool{Options: opts},
		&OCIManagedMachinePoolTemplate{}, &OCIVirtualMachinePool{Options: opts},
	}
}

// SetupWithManager registers the defaulting and validating webhooks of every kind with the manager.
func SetupWithManager(mgr ctrl.Manager, opts *Options) error {
	for _, w := range All(opts) {
		if err := w.SetupWebhookWithManager(mgr); err != nil {
			return err
		}
	}
	return nil
}

// setup registers a kind's typed defaulter (when not nil) and validator.
func setup[T client.Object](mgr ctrl.Manager, obj T, d admission.Defaulter[T], v admission.Validator[T]) error {
	b := ctrl.NewWebhookManagedBy(mgr, obj).WithValidator(deletionSafe[T]{v})
	if d != nil {
		b = b.WithDefaulter(d)
	}
	if err := b.Complete(); err != nil {
		return fmt.Errorf("registering the admission webhooks of %T: %w", obj, err)
	}
	return nil
}

// gkOf returns the group and kind of an object of this provider; the Go type names are the kinds.
func gkOf(obj client.Object) schema.GroupKind {
	return schema.GroupKind{Group: infrav1.GroupVersion.Group, Kind: reflect.TypeOf(obj).Elem().Name()}
}

// deletionSafe lets every update of an object that is being deleted through: the controllers must be able to
// record what they deleted and remove their finalizer even from an object stored before a rule existed, or its
// deletion would hang.
type deletionSafe[T client.Object] struct {
	admission.Validator[T]
}

// ValidateUpdate skips validation once the object has a deletion timestamp.
func (v deletionSafe[T]) ValidateUpdate(ctx context.Context, oldObj, newObj T) (admission.Warnings, error) {
	if newObj.GetDeletionTimestamp() != nil {
		return nil, nil
	}
	// The Invalid error goes back as is: the API server shows its causes, with their field paths, to the user.
	return v.Validator.ValidateUpdate(ctx, oldObj, newObj)
}
