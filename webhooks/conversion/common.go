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

package conversion

import (
	"encoding/json"
	"fmt"
	"maps"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apimachineryconversion "k8s.io/apimachinery/pkg/conversion"
	"k8s.io/apimachinery/pkg/runtime"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
)

// DataAnnotation is the annotation of a spoke object that keeps, in JSON, the spec and status of the hub object it
// was converted from, so that what the spoke cannot express survives the way back.
const DataAnnotation = "infrastructure.cluster.x-k8s.io/conversion-data"

// storeHub keeps the spec and status of hub in spoke's DataAnnotation. The spoke's annotation map is replaced, not
// changed in place: after a conversion it may still be shared with hub.
func storeHub(hub, spoke client.Object) error {
	content, err := runtime.DefaultUnstructuredConverter.ToUnstructured(hub)
	if err != nil {
		return fmt.Errorf("reading %s %s/%s for the conversion annotation: %w",
			hub.GetObjectKind().GroupVersionKind().Kind, hub.GetNamespace(), hub.GetName(), err)
	}
	delete(content, "metadata")
	delete(content, "apiVersion")
	delete(content, "kind")
	data, err := json.Marshal(content)
	if err != nil {
		return fmt.Errorf("writing the conversion annotation of %s/%s: %w", hub.GetNamespace(), hub.GetName(), err)
	}
	annotations := maps.Clone(spoke.GetAnnotations())
	if annotations == nil {
		annotations = map[string]string{}
	}
	annotations[DataAnnotation] = string(data)
	spoke.SetAnnotations(annotations)
	return nil
}

// restoreHub reads the hub object kept in spoke's DataAnnotation into restored, and removes the annotation from hub
// (converted from spoke, so carrying its annotations). It reports whether there was one.
func restoreHub(spoke, hub, restored client.Object) (bool, error) {
	data, ok := spoke.GetAnnotations()[DataAnnotation]
	if annotations := hub.GetAnnotations(); annotations != nil {
		annotations = maps.Clone(annotations)
		delete(annotations, DataAnnotation)
		if len(annotations) == 0 {
			annotations = nil
		}
		hub.SetAnnotations(annotations)
	}
	if !ok {
		return false, nil
	}
	if err := json.Unmarshal([]byte(data), restored); err != nil {
		return false, fmt.Errorf("reading annotation %s of %s/%s: %w", DataAnnotation, spoke.GetNamespace(), spoke.GetName(), err)
	}
	return true, nil
}

// restoreFalse keeps an explicit false the hub had where the spoke's bool cannot tell false from unset.
func restoreFalse(dst **bool, restored *bool) {
	if *dst == nil && restored != nil && !*restored {
		*dst = new(false)
	}
}

// restoreDeprecated keeps the hub's status.deprecated as it was (nil, empty or filled) when it holds the same
// v1beta1 contract fields as the ones converted from the spoke.
func restoreDeprecated[D, V any](dst **D, restored *D, v1beta1 func(*D) *V) {
	if apiequality.Semantic.DeepEqual(deprecatedValue(*dst, v1beta1), deprecatedValue(restored, v1beta1)) {
		*dst = restored
	}
}

func deprecatedValue[D, V any](d *D, v1beta1 func(*D) *V) V {
	var zero V
	if d == nil {
		return zero
	}
	if v := v1beta1(d); v != nil {
		return *v
	}
	return zero
}

// restoreFailureDomains keeps the hub's failure domain list (its order, unset versus false controlPlane) when it
// holds the same failure domains as the map converted from the spoke.
func restoreFailureDomains(dst *[]clusterv1.FailureDomain, restored []clusterv1.FailureDomain) {
	if apiequality.Semantic.DeepEqual(infrav1beta2.FailureDomainsFromHub(*dst), infrav1beta2.FailureDomainsFromHub(restored)) {
		*dst = restored
	}
}

// spokeToHub converts src to the hub with convert, then, when src carries the DataAnnotation, lets restore fill in
// what the spoke cannot express from the hub object kept there.
func spokeToHub[S, H client.Object](src S, dst, restored H, convert func(S, H, apimachineryconversion.Scope) error, restore func(dst, restored H)) error {
	if err := convert(src, dst, nil); err != nil {
		return fmt.Errorf("converting %s/%s to the hub version: %w", src.GetNamespace(), src.GetName(), err)
	}
	ok, err := restoreHub(src, dst, restored)
	if err != nil {
		return err
	}
	if ok {
		restore(dst, restored)
	}
	return nil
}

// hubToSpoke converts src to a spoke with convert and keeps src in the spoke's DataAnnotation.
func hubToSpoke[H, S client.Object](src H, dst S, convert func(H, S, apimachineryconversion.Scope) error) error {
	if err := convert(src, dst, nil); err != nil {
		return fmt.Errorf("converting %s/%s from the hub version: %w", src.GetNamespace(), src.GetName(), err)
	}
	return storeHub(src, dst)
}
