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
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	bootstrapv1 "sigs.k8s.io/cluster-api/api/bootstrap/kubeadm/v1beta2"
	controlplanev1 "sigs.k8s.io/cluster-api/api/controlplane/kubeadm/v1beta2"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

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
)

// Scheme knows Kubernetes', Cluster API's (core, kubeadm bootstrap and control plane, v1beta2) and the
// provider's (v1beta3) types.
func Scheme() *runtime.Scheme {
	schemeOnce.Do(func() {
		scheme = runtime.NewScheme()
		for _, add := range []func(*runtime.Scheme) error{clientgoscheme.AddToScheme, clusterv1.AddToScheme,
			bootstrapv1.AddToScheme, controlplanev1.AddToScheme, infrav1.AddToScheme, infrav1exp.AddToScheme} {
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
