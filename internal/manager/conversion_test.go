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
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/gomega"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"sigs.k8s.io/cluster-api/util/contract"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
	"sigs.k8s.io/yaml"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
	"github.com/oracle/cluster-api-provider-oci/webhooks/conversion"
)

// TestCRDMigrationConfigCoversEveryCRD checks the CRD migrator's configuration against the generated CRDs: one
// entry per CRD, migrated through the status subresource exactly when the storage version has one.
func TestCRDMigrationConfigCoversEveryCRD(t *testing.T) {
	g := NewWithT(t)
	scheme, err := NewScheme()
	g.Expect(err).NotTo(HaveOccurred())
	crds := readCRDs(t)
	config := CRDMigrationConfig()
	g.Expect(config).To(HaveLen(len(crds)))
	for obj, cfg := range config {
		gvk, err := apiutil.GVKForObject(obj, scheme)
		g.Expect(err).NotTo(HaveOccurred())
		crd, ok := crds[contract.CalculateCRDName(gvk.Group, gvk.Kind)]
		g.Expect(ok).To(BeTrue(), "no CRD for %s", gvk.Kind)
		g.Expect(cfg.UseStatusForStorageVersionMigration).To(Equal(storageHasStatus(crd)), gvk.Kind)
	}
}

// TestConvertersCoverEveryCRD checks that every CRD has a converter and the scheme knows all three versions.
func TestConvertersCoverEveryCRD(t *testing.T) {
	g := NewWithT(t)
	scheme, err := NewScheme()
	g.Expect(err).NotTo(HaveOccurred())
	crds := readCRDs(t)
	converters := conversion.Converters()
	g.Expect(converters).To(HaveLen(len(crds)))
	for _, c := range converters {
		gvk, err := apiutil.GVKForObject(c.Hub, scheme)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(crds).To(HaveKey(contract.CalculateCRDName(gvk.Group, gvk.Kind)))
		for _, version := range []string{"v1beta1", "v1beta2", "v1beta3"} {
			g.Expect(scheme.Recognizes(gvk.GroupKind().WithVersion(version))).To(BeTrue(), "%s %s", gvk.Kind, version)
		}
		_, err = c.New(scheme)
		g.Expect(err).NotTo(HaveOccurred(), gvk.Kind)
	}
}

// TestCRDMigratorHonoursSkipPhases checks that --skip-crd-migration-phases reaches the CRD migrator: a phase it does
// not know is refused, and skipping both phases sets nothing up.
func TestCRDMigratorHonoursSkipPhases(t *testing.T) {
	g := NewWithT(t)
	o := testOptions(t)
	mgr, err := New(env.Config, o)
	g.Expect(err).NotTo(HaveOccurred())

	o.SkipCRDMigrationPhases = []string{"Bogus"}
	g.Expect(setupCRDMigrator(t.Context(), mgr, Deps{Options: o})).To(MatchError(ContainSubstring("Invalid phase Bogus")))

	// With both phases skipped the migrator adds no controller, so this manager may share the process with the
	// other tests' managers, whose migrator controllers have the same name.
	o.SkipCRDMigrationPhases = []string{"StorageVersionMigration", "CleanupManagedFields"}
	g.Expect(setupCRDMigrator(t.Context(), mgr, Deps{Options: o})).To(Succeed())
}

func readCRDs(t *testing.T) map[string]*apiextensionsv1.CustomResourceDefinition {
	t.Helper()
	dir := filepath.Join(testenv.RepoRoot(), "config", "crd", "bases")
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("listing the CRDs in %s: %v", dir, err)
	}
	crds := map[string]*apiextensionsv1.CustomResourceDefinition{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := yaml.Unmarshal(data, crd); err != nil {
			t.Fatalf("reading %s: %v", f, err)
		}
		crds[crd.Name] = crd
	}
	return crds
}

func storageHasStatus(crd *apiextensionsv1.CustomResourceDefinition) bool {
	for _, v := range crd.Spec.Versions {
		if v.Storage {
			return v.Subresources != nil && v.Subresources.Status != nil
		}
	}
	return false
}
