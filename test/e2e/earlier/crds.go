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

package earlier

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/yaml"
)

// CRDs returns the CRDs in dir (this provider's config/crd/bases) in the shape the earlier provider's release
// installs them: its versions, v1beta1 and v1beta2 (this provider serves both in the same wire format), with
// v1beta2 the storage version and no v1beta3; its names (no categories or short names); its labels and CA
// injection annotation; conversion by its webhook service. Its release named every CRD this provider has.
func CRDs(dir string) ([]*apiextensionsv1.CustomResourceDefinition, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no CRDs in %s: %w", dir, err)
	}
	out := make([]*apiextensionsv1.CustomResourceDefinition, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", f, err)
		}
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := yaml.UnmarshalStrict(data, crd); err != nil {
			return nil, fmt.Errorf("decoding %s: %w", f, err)
		}
		if err := reshape(crd); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, crd)
	}
	return out, nil
}

func reshape(crd *apiextensionsv1.CustomResourceDefinition) error {
	crd.Spec.Versions = slices.DeleteFunc(crd.Spec.Versions, func(v apiextensionsv1.CustomResourceDefinitionVersion) bool {
		return v.Name != "v1beta1" && v.Name != StorageVersion
	})
	if len(crd.Spec.Versions) != 2 {
		return fmt.Errorf("CRD %s does not serve both v1beta1 and v1beta2", crd.Name)
	}
	for i := range crd.Spec.Versions {
		v := &crd.Spec.Versions[i]
		v.Storage, v.Served, v.Deprecated, v.DeprecationWarning = v.Name == StorageVersion, true, false, nil
	}
	crd.Spec.Names.Categories, crd.Spec.Names.ShortNames = nil, nil
	crd.Labels = map[string]string{ContractLabel: ContractVersions, ProviderLabel: ProviderName, ClusterctlLabel: ""}
	if crd.Annotations == nil {
		crd.Annotations = map[string]string{}
	}
	crd.Annotations[CAInjectionAnnotation] = ServingCertificate
	crd.Spec.Conversion = &apiextensionsv1.CustomResourceConversion{Strategy: apiextensionsv1.WebhookConverter,
		Webhook: &apiextensionsv1.WebhookConversion{
			ClientConfig: &apiextensionsv1.WebhookClientConfig{Service: &apiextensionsv1.ServiceReference{
				Namespace: Namespace, Name: WebhookService, Path: ptr.To(conversionPath)}},
			ConversionReviewVersions: []string{conversionReviewV1, conversionReviewV1Beta1}}}
	return nil
}

// WriteCRDs writes the CRDs of src in the earlier provider's shape into dst, one file each, for an API server to
// start with.
func WriteCRDs(src, dst string) error {
	crds, err := CRDs(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o750); err != nil {
		return fmt.Errorf("creating %s: %w", dst, err)
	}
	for _, crd := range crds {
		data, err := yaml.Marshal(crd)
		if err != nil {
			return fmt.Errorf("encoding CRD %s: %w", crd.Name, err)
		}
		if err := os.WriteFile(filepath.Join(dst, crd.Name+".yaml"), data, 0o600); err != nil {
			return fmt.Errorf("writing CRD %s: %w", crd.Name, err)
		}
	}
	return nil
}
