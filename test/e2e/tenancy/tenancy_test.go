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

//go:build e2e_tenancy

// Package tenancy is the end-to-end suite for a real OCI tenancy, on Cluster API's test framework: the quick
// start, MachineDeployment scaling, and a KubeadmControlPlane and MachineDeployment rollout, each ending with the cluster's deletion. It needs credentials and
// a management cluster, so it runs only with the e2e_tenancy build tag (see docs/book/src/topics/local-lifecycle.md);
// the README's test command compiles it.
package tenancy

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/utils/ptr"
	bootstrapv1 "sigs.k8s.io/cluster-api/api/bootstrap/kubeadm/v1beta2"
	controlplanev1 "sigs.k8s.io/cluster-api/api/controlplane/kubeadm/v1beta2"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	capie2e "sigs.k8s.io/cluster-api/test/e2e"
	"sigs.k8s.io/cluster-api/test/framework"
	"sigs.k8s.io/cluster-api/test/framework/clusterctl"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

var (
	configPath     = flag.String("e2e.config", "config/oci.yaml", "The e2e configuration (clusterctl providers, variables, intervals).")
	kubeconfig     = flag.String("e2e.kubeconfig", os.Getenv("KUBECONFIG"), "The management cluster's kubeconfig.")
	artifactFolder = flag.String("e2e.artifacts-folder", "_artifacts", "Where logs and resources are written.")
	skipCleanup    = flag.Bool("e2e.skip-cleanup", false, "Leave the clusters and the local repository in place.")
	initialize     = flag.Bool("e2e.init", true, "Run clusterctl init with the configuration's providers first.")

	ctx          = context.Background()
	e2eConfig    *clusterctl.E2EConfig
	clusterctlCf string
	proxy        framework.ClusterProxy
)

func TestTenancy(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "CAPOCI end to end on a real tenancy")
}

var _ = SynchronizedBeforeSuite(func() []byte {
	Expect(*kubeconfig).To(BeAnExistingFile(), "-e2e.kubeconfig (or KUBECONFIG) must name the management cluster's kubeconfig")
	for _, v := range []string{"OCI_COMPARTMENT_ID", "OCI_IMAGE_ID", "OCI_SSH_KEY"} {
		Expect(os.Getenv(v)).NotTo(BeEmpty(), "%s must be set (see templates/cluster-template.yaml)", v)
	}
	return nil
}, func([]byte) {
	e2eConfig = clusterctl.LoadE2EConfig(ctx, clusterctl.LoadE2EConfigInput{ConfigPath: *configPath})
	Expect(e2eConfig).NotTo(BeNil(), "loading %s", *configPath)
	clusterctlCf = clusterctl.CreateRepository(ctx, clusterctl.CreateRepositoryInput{
		E2EConfig: e2eConfig, RepositoryFolder: filepath.Join(*artifactFolder, "repository")})
	proxy = framework.NewClusterProxy("management", *kubeconfig, scheme())
	if *initialize {
		clusterctl.InitManagementClusterAndWatchControllerLogs(ctx, clusterctl.InitManagementClusterAndWatchControllerLogsInput{
			ClusterProxy: proxy, ClusterctlConfigPath: clusterctlCf, InfrastructureProviders: e2eConfig.InfrastructureProviders(),
			LogFolder: filepath.Join(*artifactFolder, "clusters", proxy.GetName()),
		}, e2eConfig.GetIntervals(proxy.GetName(), "wait-controllers")...)
	}
})

var _ = SynchronizedAfterSuite(func() {}, func() {
	if proxy != nil && !*skipCleanup {
		proxy.Dispose(ctx)
	}
})

func scheme() *runtime.Scheme {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{clientgoscheme.AddToScheme, clusterv1.AddToScheme,
		bootstrapv1.AddToScheme, controlplanev1.AddToScheme, infrav1.AddToScheme} {
		Expect(add(s)).To(Succeed())
	}
	return s
}

var _ = Describe("The default flavor on OCI", func() {
	capie2e.QuickStartSpec(ctx, func() capie2e.QuickStartSpecInput {
		return capie2e.QuickStartSpecInput{E2EConfig: e2eConfig, ClusterctlConfigPath: clusterctlCf,
			BootstrapClusterProxy: proxy, ArtifactFolder: *artifactFolder, SkipCleanup: *skipCleanup,
			ControlPlaneMachineCount: ptr.To[int64](1), WorkerMachineCount: ptr.To[int64](1)}
	})
	capie2e.MachineDeploymentScaleSpec(ctx, func() capie2e.MachineDeploymentScaleSpecInput {
		return capie2e.MachineDeploymentScaleSpecInput{E2EConfig: e2eConfig, ClusterctlConfigPath: clusterctlCf,
			BootstrapClusterProxy: proxy, ArtifactFolder: *artifactFolder, SkipCleanup: *skipCleanup}
	})
	capie2e.KCPAndMachineDeploymentRolloutSpec(ctx, func() capie2e.KCPAndMachineDeploymentRolloutSpecInput {
		return capie2e.KCPAndMachineDeploymentRolloutSpecInput{E2EConfig: e2eConfig, ClusterctlConfigPath: clusterctlCf,
			BootstrapClusterProxy: proxy, ArtifactFolder: *artifactFolder, SkipCleanup: *skipCleanup}
	})
})
