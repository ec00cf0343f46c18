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

package controllers

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// identityRefIndex indexes OCIClusters by the namespace/name of the OCIClusterIdentity they use.
const identityRefIndex = "spec.identityRef.namespacedName"

// indexIdentityRefs adds the identityRef index of OCIClusters.
func indexIdentityRefs(ctx context.Context, mgr ctrl.Manager) error {
	err := mgr.GetFieldIndexer().IndexField(ctx, &infrav1.OCICluster{}, identityRefIndex, func(o client.Object) []string {
		oc, ok := o.(*infrav1.OCICluster)
		if !ok || oc.Spec.IdentityRef == nil {
			return nil
		}
		return []string{refKey(oc.Spec.IdentityRef, oc.Namespace)}
	})
	if err != nil {
		return fmt.Errorf("indexing OCIClusters by identityRef: %w", err)
	}
	return nil
}

// identityToClusters maps an OCIClusterIdentity to the OCIClusters that use it.
func (r *OCIClusterReconciler) identityToClusters(ctx context.Context, o client.Object) []reconcile.Request {
	return r.clustersUsing(ctx, o.GetNamespace()+"/"+o.GetName())
}

// secretToClusters maps a Secret to the OCIClusters whose identity reads it: a new key is used at once.
func (r *OCIClusterReconciler) secretToClusters(ctx context.Context, o client.Object) []reconcile.Request {
	ids := identitiesReading(ctx, r.Client, o)
	out := make([]reconcile.Request, 0, len(ids))
	for _, id := range ids {
		out = append(out, r.clustersUsing(ctx, id)...)
	}
	return out
}

// identitiesReading lists, as "namespace/name", the OCIClusterIdentities whose principal Secret is secret.
func identitiesReading(ctx context.Context, c client.Client, secret client.Object) []string {
	ids := &infrav1.OCIClusterIdentityList{}
	if err := c.List(ctx, ids); err != nil {
		ctrl.LoggerFrom(ctx).Error(err, "Listing OCIClusterIdentities for a Secret change")
		return nil
	}
	var out []string
	for i := range ids.Items {
		id := &ids.Items[i]
		ref := id.Spec.PrincipalSecret
		ns := ref.Namespace
		if ns == "" {
			ns = id.Namespace
		}
		if ref.Name == secret.GetName() && ns == secret.GetNamespace() {
			out = append(out, id.Namespace+"/"+id.Name)
		}
	}
	return out
}

// refKey is an identityRef as "namespace/name", its namespace defaulting to the referring object's.
func refKey(ref *corev1.ObjectReference, namespace string) string {
	if ref.Namespace != "" {
		namespace = ref.Namespace
	}
	return namespace + "/" + ref.Name
}

func (r *OCIClusterReconciler) clustersUsing(ctx context.Context, identity string) []reconcile.Request {
	list := &infrav1.OCIClusterList{}
	if err := r.Client.List(ctx, list, client.MatchingFields{identityRefIndex: identity}); err != nil {
		ctrl.LoggerFrom(ctx).Error(err, "Listing the OCIClusters of an identity", "identity", identity)
		return nil
	}
	out := make([]reconcile.Request, 0, len(list.Items))
	for i := range list.Items {
		out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(&list.Items[i])})
	}
	return out
}
