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

package capi

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// LabelCRDs adds the labels of the kustomization.yaml in dir (e.g. a provider's config/crd, whose contract
// labels such as cluster.x-k8s.io/v1beta2: v1beta3 Cluster API needs to resolve references to the provider's
// objects) to every CRD that kustomization lists, which must already be installed (e.g. by envtest).
func LabelCRDs(ctx context.Context, cfg *rest.Config, dir string) error {
	k, err := readKustomization(dir)
	if err != nil {
		return err
	}
	patch, err := json.Marshal(map[string]any{"metadata": map[string]any{"labels": k.labels()}})
	if err != nil {
		return fmt.Errorf("encoding the labels of %s: %w", dir, err)
	}
	cl, err := newClient(cfg)
	if err != nil {
		return err
	}
	for _, r := range k.Resources {
		objs, err := readObjects(filepath.Join(dir, r))
		if err != nil {
			return err
		}
		for _, u := range objs {
			if u.GetKind() != "CustomResourceDefinition" {
				continue
			}
			if err := cl.Patch(ctx, u, client.RawPatch(types.MergePatchType, patch)); err != nil {
				return fmt.Errorf("labelling CRD %s: %w", u.GetName(), err)
			}
		}
	}
	return nil
}
