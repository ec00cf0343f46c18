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

package stack

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	bootstrapv1 "sigs.k8s.io/cluster-api/api/bootstrap/kubeadm/v1beta2"
	controlplanev1 "sigs.k8s.io/cluster-api/api/controlplane/kubeadm/v1beta2"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	clusterctlv1 "sigs.k8s.io/cluster-api/cmd/clusterctl/api/v1alpha3"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// clusterctlVersion is the clusterctl the Makefile pins (CLUSTERCTL_VER), built the same way when the
// CLUSTERCTL variable does not name one.
const clusterctlVersion = "v1.14.2"

var (
	schemeOnce sync.Once
	scheme     *runtime.Scheme

	clusterctlOnce sync.Once
	clusterctlPath string
	errClusterctl  error

	kustomizeOnce sync.Once
	kustomizePath string
	errKustomize  error
)

// Scheme knows Kubernetes' (with CRDs), Cluster API's (core, kubeadm bootstrap and control plane, v1beta2),
// clusterctl's inventory (Provider) and the provider's (v1beta3) types.
func Scheme() *runtime.Scheme {
	schemeOnce.Do(func() {
		scheme = runtime.NewScheme()
		for _, add := range []func(*runtime.Scheme) error{clientgoscheme.AddToScheme, apiextensionsv1.AddToScheme,
			clusterv1.AddToScheme, bootstrapv1.AddToScheme, controlplanev1.AddToScheme, clusterctlv1.AddToScheme,
			infrav1.AddToScheme, infrav1exp.AddToScheme} {
			if err := add(scheme); err != nil {
				panic(fmt.Sprintf("building the scheme: %v", err))
			}
		}
	})
	return scheme
}

// Clusterctl returns the clusterctl binary: $CLUSTERCTL when set (the Makefile's pinned build), else the
// same version built once through hack/tools/clusterctl into the cache directory.
func Clusterctl(ctx context.Context) (string, error) {
	if p := os.Getenv("CLUSTERCTL"); p != "" {
		return p, nil
	}
	clusterctlOnce.Do(func() {
		clusterctlPath = filepath.Join(testenv.CacheDir(), "bin", "clusterctl-"+clusterctlVersion)
		if _, err := os.Stat(clusterctlPath); err == nil {
			return
		}
		cmd := exec.CommandContext(ctx, "go", "build", "-o", clusterctlPath, "sigs.k8s.io/cluster-api/cmd/clusterctl") //nolint:gosec // a fixed build into the cache
		cmd.Dir = filepath.Join(testenv.RepoRoot(), "hack", "tools", "clusterctl")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			errClusterctl = fmt.Errorf("building clusterctl: %w\n%s", err, out)
		}
	})
	return clusterctlPath, errClusterctl
}

// Kustomize returns the pinned kustomize: $KUSTOMIZE when set (the Makefile passes it), else the newest
// hack/tools/bin/kustomize-v*, built first by `make kustomize` when there is none.
func Kustomize(ctx context.Context) (string, error) {
	if p := os.Getenv("KUSTOMIZE"); p != "" {
		return p, nil
	}
	kustomizeOnce.Do(func() {
		glob := filepath.Join(testenv.RepoRoot(), "hack", "tools", "bin", "kustomize-v*")
		matches, _ := filepath.Glob(glob)
		if len(matches) == 0 {
			cmd := exec.CommandContext(ctx, "make", "-s", "kustomize")
			cmd.Dir = testenv.RepoRoot()
			cmd.Env = withoutMake(os.Environ())
			if out, err := cmd.CombinedOutput(); err != nil {
				errKustomize = fmt.Errorf("make kustomize: %w\n%s", err, out)
				return
			}
			matches, _ = filepath.Glob(glob)
		}
		if len(matches) == 0 {
			errKustomize = fmt.Errorf("no %s after make kustomize", glob)
			return
		}
		sort.Strings(matches)
		kustomizePath = matches[len(matches)-1]
	})
	return kustomizePath, errKustomize
}

// withoutMake drops the variables a calling make sets (its flags and jobserver), so that a make the tests run
// is a make of its own.
func withoutMake(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if name != "MAKEFLAGS" && name != "MFLAGS" && name != "MAKELEVEL" && name != "MAKEOVERRIDES" {
			out = append(out, kv)
		}
	}
	return out
}
