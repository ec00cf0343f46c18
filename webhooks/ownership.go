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
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/client-go/tools/events"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// +kubebuilder:rbac:groups=events.k8s.io,resources=events,verbs=create;patch

// DefaultManagerUser is the manager's username as the API server sees it when installed by clusterctl.
const DefaultManagerUser = "system:serviceaccount:cluster-api-provider-oci-system:capoci-controller-manager"

// Options configure the webhooks.
type Options struct {
	// ManagerUser is the manager's own username: only its requests may replace the OCID of a resource the
	// provider owns (one that was deleted behind its back), and each time the webhook records an Event.
	ManagerUser string
	// Events records those Events; nil records none.
	Events events.EventRecorder
}

// ReasonOwnedOCIDReplaced is the reason of the Event recorded when the manager replaces an owned OCID.
const ReasonOwnedOCIDReplaced = "OwnedOCIDReplaced"

// replacer applies the write-once rule to the OCIDs of one request, letting the manager replace those of resources
// the provider owns (per the old object's status.resources). Everyone else, and every OCID a user brought, stays
// under the rule.
type replacer struct {
	owned    []infrav1.OCIResource
	manager  bool
	replaced []string
}

// replacerFor returns the replacer of a request: the manager's, with the object's owned resources, or a plain one.
func (o *Options) replacerFor(ctx context.Context, owned []infrav1.OCIResource) *replacer {
	r := &replacer{owned: owned}
	if req, err := admission.RequestFromContext(ctx); err == nil && o != nil && o.ManagerUser != "" {
		r.manager = req.UserInfo.Username == o.ManagerUser
	}
	return r
}

// writeOnce is the write-once rule, with the manager's exception for owned OCIDs.
func (r *replacer) writeOnce(path *field.Path, oldValue, newValue string) field.ErrorList {
	if r != nil && r.manager && oldValue != "" && oldValue != newValue &&
		slices.ContainsFunc(r.owned, func(o infrav1.OCIResource) bool { return o.ID == oldValue }) {
		r.replaced = append(r.replaced, path.String()+" (was "+oldValue+")")
		return nil
	}
	return writeOnce(path, oldValue, newValue)
}

// record emits one Event on obj naming the OCIDs the manager replaced, if it replaced any and the request is valid.
func (o *Options) record(obj runtime.Object, r *replacer, err error) {
	if err != nil || r == nil || len(r.replaced) == 0 || o == nil || o.Events == nil {
		return
	}
	o.Events.Eventf(obj, nil, corev1.EventTypeNormal, ReasonOwnedOCIDReplaced, "ReplaceOCID",
		"The manager recorded replacements of resources it owned that were gone from OCI: %s", strings.Join(r.replaced, ", "))
}
