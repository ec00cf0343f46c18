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

// Package earlier reproduces what the earlier OCI provider (github.com/oracle/cluster-api-provider-oci, whose
// module the module proxy does not serve) leaves behind, so that switching to this provider in place can be
// exercised: in OCI, a cluster's resources named and tagged as it makes them (Seed); in the management cluster,
// its CRDs (CRDs) and its objects as it stores them, v1beta2 with its status shape and finalizers (Objects); and,
// while Cluster API brings the cluster up, a stand-in for its machine controller (Provider) that launches and
// reports instances as it does.
//
// Every convention is data in this file, with the file of the earlier provider's source it comes from (paths in
// its repository, at the commit its main branch had when this was written). Nothing of its code is used.
package earlier

// Ownership tags: every resource the earlier provider makes carries both freeform tags, and it adopts only
// resources that do (cloud/ociutil/ociutil.go: CreatedBy, OCIClusterAPIProvider, ClusterResourceIdentifier,
// BuildClusterTags; cloud/scope/cluster.go: IsResourceCreatedByClusterAPI, GetFreeFormTags).
const (
	TagCreatedBy                 = "CreatedBy"
	CreatedByValue               = "OCIClusterAPIProvider"
	TagClusterResourceIdentifier = "ClusterResourceIdentifier"
)

// Display names of the network it makes (cloud/scope/defaults.go); the VCN is named after the OCICluster
// (cloud/scope/vcn_reconciler.go: GetVcnName), the API server's network load balancer <cluster>-apiserver
// (cloud/scope/network_load_balancer_reconciler.go: GetControlPlaneLoadBalancerName), subnets and network
// security groups after their role (api/v1beta2/constants.go), instances after their OCIMachine
// (cloud/scope/machine.go: GetOrCreateMachine), and each API server backend after its OCIMachine too
// (cloud/scope/machine.go: ReconcileCreateInstanceOnLB).
const (
	InternetGatewayName   = "internet-gateway"
	NATGatewayName        = "nat-gateway"
	ServiceGatewayName    = "service-gateway"
	PublicRouteTableName  = "public-route-table"
	PrivateRouteTableName = "private-route-table"
	APIServerSuffix       = "-apiserver"
	BackendSetName        = "apiserver-lb-backendset"
	ListenerName          = "apiserver-lb-listener"
)

// Route rules' descriptions (cloud/scope/route_table_reconciler.go: CreateRouteTable) and the suffix of the
// Oracle Services Network service the service gateway and the private route table use
// (cloud/scope/defaults.go: SGWServiceSuffix).
const (
	routeToInternetViaNAT = "traffic to the internet"
	routeToServices       = "traffic to OCI services"
	routeToInternetViaIGW = "traffic to/from internet"
	servicesSuffix        = "-services-in-oracle-services-network"
)

// The API server load balancer's health check, when the OCICluster sets none
// (cloud/scope/network_load_balancer_reconciler.go: buildNLBHealthChecker; cloud/scope/defaults.go:
// HealthCheckerDefaultURLPath), and its backend set's policy (cloud/scope/defaults.go: LoadBalancerPolicy).
const (
	healthCheckPath       = "/healthz"
	healthCheckIntervalMs = 10000
	healthCheckTimeoutMs  = 3000
	healthCheckRetries    = 3
	healthCheckReturnCode = 200
)

// Finalizers (api/v1beta2/ocicluster_types.go: ClusterFinalizer; api/v1beta2/ocimachine_types.go:
// MachineFinalizer).
const (
	ClusterFinalizer = "ocicluster.infrastructure.cluster.x-k8s.io"
	MachineFinalizer = "ocimachine.infrastructure.cluster.x-k8s.io"
)

// Conditions, in Cluster API's v1beta1 shape (api/v1beta2/conditions_consts.go: ClusterReadyCondition,
// InstanceReadyCondition); its patch summarises them into Ready, listed first (controllers/ocicluster_controller.go
// and cloud/scope/machine.go: SetSummary).
const (
	ClusterReadyCondition  = "ClusterReady"
	InstanceReadyCondition = "InstanceReady"
	readyCondition         = "Ready"
)

// Failure domains' attribute keys (cloud/scope/cluster.go: AvailabilityDomain, FaultDomain); with three
// availability domains, failure domain "n" is the domain whose name ends in -AD-n (cloud/scope/cluster.go:
// setFailureDomains).
const (
	AvailabilityDomainAttribute = "AvailabilityDomain"
	FaultDomainAttribute        = "FaultDomain"
)

// The CRDs as its release installs them: the contract label of Cluster API's v1beta1 contract on every CRD
// (config/crd/kustomization.yaml: commonLabels), the provider label on every object (config/default/kustomization.yaml:
// commonLabels), which clusterctl also sets with its own label (clusterctl.cluster.x-k8s.io) on every object it
// installs; conversion by the webhook service of its namespace (config/crd/patches/webhook_in_*.yaml, renamed by
// config/default/kustomization.yaml's namespace and namePrefix), with the CA injected by cert-manager from its
// serving certificate (config/crd/patches/cainjection_in_*.yaml, config/certmanager/certificate.yaml).
const (
	ContractLabel           = "cluster.x-k8s.io/v1beta1"
	ContractVersions        = "v1beta1_v1beta2"
	ProviderLabel           = "cluster.x-k8s.io/provider"
	ProviderName            = "infrastructure-oci"
	ClusterctlLabel         = "clusterctl.cluster.x-k8s.io"
	Namespace               = "cluster-api-provider-oci-system"
	WebhookService          = "capoci-webhook-service"
	CAInjectionAnnotation   = "cert-manager.io/inject-ca-from"
	ServingCertificate      = Namespace + "/capoci-serving-cert"
	StorageVersion          = "v1beta2"
	conversionPath          = "/convert"
	conversionReviewV1      = "v1"
	conversionReviewV1Beta1 = "v1beta1"
)

// ProviderIDPrefix prefixes an instance's OCID in the OCIMachine's and the Node's provider ID
// (cloud/scope/oci_selfmanaged_cluster.go: GetProviderID).
const ProviderIDPrefix = "oci://"

// Tags are the ownership tags of a cluster whose OCICluster has the resource identifier id.
func Tags(id string) map[string]string {
	return map[string]string{TagCreatedBy: CreatedByValue, TagClusterResourceIdentifier: id}
}
