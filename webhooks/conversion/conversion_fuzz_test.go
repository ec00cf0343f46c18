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

// Every field of every kind, in both spokes and the hub, is filled by the fuzzer and must survive hub->spoke->hub and
// spoke->hub->spoke through the converter the manager registers.
//
// Fuzzer overrides, each because the fuzzed value cannot exist in a real object:
//   - apiextensionsv1.JSON (the values of spec.extendedMetadata of OCIMachine, OCIMachineTemplate and OCIMachinePool)
//     is filled with a valid JSON document (a JSON string) instead of random bytes: the API server only ever stores
//     valid JSON there, and random bytes cannot be written to the conversion annotation.
//
// After a spoke->hub->spoke round trip, dropDataAnnotation removes our DataAnnotation from the spoke that comes back
// (the spoke that went in had none), as Cluster API's helper does for its own annotation; nothing else is touched.

import (
	"context"
	"encoding/json"
	"testing"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/api/apitesting/fuzzer"
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/randfill"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilconversion "sigs.k8s.io/cluster-api/util/conversion"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
	"sigs.k8s.io/controller-runtime/pkg/webhook/conversion"

	infrav1beta1 "github.com/oracle/cluster-api-provider-oci/api/v1beta1"
	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1beta1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta1"
	infrav1beta2exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta2"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

func TestFuzzyConversion(t *testing.T) {
	scheme := testScheme(t)
	tests := map[string]func(*testing.T){
		"OCICluster/v1beta1":                     fuzz[*infrav1.OCICluster, *infrav1beta1.OCICluster](t, scheme, OCICluster),
		"OCICluster/v1beta2":                     fuzz[*infrav1.OCICluster, *infrav1beta2.OCICluster](t, scheme, OCICluster),
		"OCIClusterTemplate/v1beta1":             fuzz[*infrav1.OCIClusterTemplate, *infrav1beta1.OCIClusterTemplate](t, scheme, OCIClusterTemplate),
		"OCIClusterTemplate/v1beta2":             fuzz[*infrav1.OCIClusterTemplate, *infrav1beta2.OCIClusterTemplate](t, scheme, OCIClusterTemplate),
		"OCIMachine/v1beta1":                     fuzz[*infrav1.OCIMachine, *infrav1beta1.OCIMachine](t, scheme, OCIMachine),
		"OCIMachine/v1beta2":                     fuzz[*infrav1.OCIMachine, *infrav1beta2.OCIMachine](t, scheme, OCIMachine),
		"OCIMachineTemplate/v1beta1":             fuzz[*infrav1.OCIMachineTemplate, *infrav1beta1.OCIMachineTemplate](t, scheme, OCIMachineTemplate),
		"OCIMachineTemplate/v1beta2":             fuzz[*infrav1.OCIMachineTemplate, *infrav1beta2.OCIMachineTemplate](t, scheme, OCIMachineTemplate),
		"OCIClusterIdentity/v1beta1":             fuzz[*infrav1.OCIClusterIdentity, *infrav1beta1.OCIClusterIdentity](t, scheme, OCIClusterIdentity),
		"OCIClusterIdentity/v1beta2":             fuzz[*infrav1.OCIClusterIdentity, *infrav1beta2.OCIClusterIdentity](t, scheme, OCIClusterIdentity),
		"OCIManagedCluster/v1beta1":              fuzz[*infrav1.OCIManagedCluster, *infrav1beta1.OCIManagedCluster](t, scheme, OCIManagedCluster),
		"OCIManagedCluster/v1beta2":              fuzz[*infrav1.OCIManagedCluster, *infrav1beta2.OCIManagedCluster](t, scheme, OCIManagedCluster),
		"OCIManagedClusterTemplate/v1beta1":      fuzz[*infrav1.OCIManagedClusterTemplate, *infrav1beta1.OCIManagedClusterTemplate](t, scheme, OCIManagedClusterTemplate),
		"OCIManagedClusterTemplate/v1beta2":      fuzz[*infrav1.OCIManagedClusterTemplate, *infrav1beta2.OCIManagedClusterTemplate](t, scheme, OCIManagedClusterTemplate),
		"OCIManagedControlPlane/v1beta1":         fuzz[*infrav1.OCIManagedControlPlane, *infrav1beta1.OCIManagedControlPlane](t, scheme, OCIManagedControlPlane),
		"OCIManagedControlPlane/v1beta2":         fuzz[*infrav1.OCIManagedControlPlane, *infrav1beta2.OCIManagedControlPlane](t, scheme, OCIManagedControlPlane),
		"OCIManagedControlPlaneTemplate/v1beta1": fuzz[*infrav1.OCIManagedControlPlaneTemplate, *infrav1beta1.OCIManagedControlPlaneTemplate](t, scheme, OCIManagedControlPlaneTemplate),
		"OCIManagedControlPlaneTemplate/v1beta2": fuzz[*infrav1.OCIManagedControlPlaneTemplate, *infrav1beta2.OCIManagedControlPlaneTemplate](t, scheme, OCIManagedControlPlaneTemplate),
		"OCIMachinePool/v1beta1":                 fuzz[*infrav1exp.OCIMachinePool, *infrav1beta1exp.OCIMachinePool](t, scheme, OCIMachinePool),
		"OCIMachinePool/v1beta2":                 fuzz[*infrav1exp.OCIMachinePool, *infrav1beta2exp.OCIMachinePool](t, scheme, OCIMachinePool),
		"OCIMachinePoolMachine/v1beta1":          fuzz[*infrav1exp.OCIMachinePoolMachine, *infrav1beta1exp.OCIMachinePoolMachine](t, scheme, OCIMachinePoolMachine),
		"OCIMachinePoolMachine/v1beta2":          fuzz[*infrav1exp.OCIMachinePoolMachine, *infrav1beta2exp.OCIMachinePoolMachine](t, scheme, OCIMachinePoolMachine),
		"OCIManagedMachinePool/v1beta1":          fuzz[*infrav1exp.OCIManagedMachinePool, *infrav1beta1exp.OCIManagedMachinePool](t, scheme, OCIManagedMachinePool),
		"OCIManagedMachinePool/v1beta2":          fuzz[*infrav1exp.OCIManagedMachinePool, *infrav1beta2exp.OCIManagedMachinePool](t, scheme, OCIManagedMachinePool),
		"OCIManagedMachinePoolTemplate/v1beta1":  fuzz[*infrav1exp.OCIManagedMachinePoolTemplate, *infrav1beta1exp.OCIManagedMachinePoolTemplate](t, scheme, OCIManagedMachinePoolTemplate),
		"OCIManagedMachinePoolTemplate/v1beta2":  fuzz[*infrav1exp.OCIManagedMachinePoolTemplate, *infrav1beta2exp.OCIManagedMachinePoolTemplate](t, scheme, OCIManagedMachinePoolTemplate),
		"OCIVirtualMachinePool/v1beta1":          fuzz[*infrav1exp.OCIVirtualMachinePool, *infrav1beta1exp.OCIVirtualMachinePool](t, scheme, OCIVirtualMachinePool),
		"OCIVirtualMachinePool/v1beta2":          fuzz[*infrav1exp.OCIVirtualMachinePool, *infrav1beta2exp.OCIVirtualMachinePool](t, scheme, OCIVirtualMachinePool),
	}
	if len(tests) != 2*len(Converters()) {
		t.Fatalf("%d fuzz tests for %d kinds: every kind needs one per spoke", len(tests), len(Converters()))
	}
	for name, test := range tests {
		t.Run(name, test)
	}
}

// fuzz round-trips objects through the converter the manager registers for the kind, in both directions.
func fuzz[H, S client.Object](t *testing.T, scheme *runtime.Scheme, newConverter func(*runtime.Scheme) (conversion.Converter, error)) func(*testing.T) {
	t.Helper()
	converter, err := newConverter(scheme)
	if err != nil {
		t.Fatalf("building the converter: %v", err)
	}
	convert := func(ctx context.Context, src, dst client.Object) error {
		srcGVK, err := apiutil.GVKForObject(src, scheme)
		if err != nil {
			return err
		}
		dstGVK, err := apiutil.GVKForObject(dst, scheme)
		if err != nil {
			return err
		}
		before := src.GetObjectKind().GroupVersionKind()
		src.GetObjectKind().SetGroupVersionKind(srcGVK)
		dst.GetObjectKind().SetGroupVersionKind(dstGVK)
		defer func() {
			src.GetObjectKind().SetGroupVersionKind(before)
			dst.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
		}()
		return converter.ConvertObject(ctx, src, dst)
	}
	return utilconversion.SpokeConverterFuzzTestFunc(utilconversion.SpokeConverterFuzzTestFuncInput[H, S]{
		Scheme:                scheme,
		ConvertHubToSpokeFunc: func(ctx context.Context, src H, dst S) error { return convert(ctx, src, dst) },
		ConvertSpokeToHubFunc: func(ctx context.Context, src S, dst H) error { return convert(ctx, src, dst) },
		SpokeAfterMutation:    dropDataAnnotation[S],
		FuzzerFuncs:           []fuzzer.FuzzerFuncs{validJSONFuzzer},
	})
}

// validJSONFuzzer fills apiextensionsv1.JSON with a JSON string, a document the API server would accept.
func validJSONFuzzer(_ runtimeserializer.CodecFactory) []any {
	return []any{
		func(in *apiextensionsv1.JSON, c randfill.Continue) {
			raw, err := json.Marshal(c.String(0))
			if err != nil {
				panic(err)
			}
			in.Raw = raw
		},
	}
}
