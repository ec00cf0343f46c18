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

package apiservertest

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// The good and bad objects of every kind, created as v1beta3.

const (
	compartmentID = "ocid1.compartment.oc1..aaaaaaaaexample"
	imageID       = "ocid1.image.oc1.iad.aaaaaaaaexample"
	subnetID      = "ocid1.subnet.oc1.iad.aaaaaaaaexample"
	instanceID    = "ocid1.instance.oc1.iad.aaaaaaaaexample"
	kmsKeyID      = "ocid1.key.oc1.iad.aaaaaaaaexample"
	sshKey        = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host"
)

// badCase is an object the API server must refuse, with the field path the error must name.
type badCase struct {
	name  string
	obj   client.Object
	field string
}

// kindCases are a kind's minimal and rich good objects and its bad ones.
type kindCases struct {
	kind          string
	minimal, rich client.Object
	bad           []badCase
}

func meta(name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Name: name, Namespace: "default"}
}

func richNetwork() infrav1.NetworkSpec {
	return infrav1.NetworkSpec{
		APIServerLoadBalancer: &infrav1.LoadBalancer{LoadBalancerType: "nlb", Name: "api", NLBSpec: &infrav1.NLBSpec{
			BackendSetDetails: &infrav1.BackendSetDetails{IsPreserveSource: ptr.To(false),
				HealthChecker: &infrav1.HealthChecker{Protocol: "TCP", Port: ptr.To(6443)}}}},
		VCN: infrav1.VCN{CIDR: "10.1.0.0/16", DNSLabel: "capoci", Name: "vcn",
			Subnets: []infrav1.Subnet{
				{Name: "ep", Role: "control-plane-endpoint", CIDR: "10.1.0.0/28", Type: "public", DNSLabel: "ep"},
				{Name: "cp", Role: "control-plane", CIDR: "10.1.1.0/24", Type: "private"},
				{Name: "workers", Role: "worker", CIDR: "10.1.16.0/20"},
				{Name: "lb", Role: "service-lb", CIDR: "10.1.2.0/24"},
			},
			NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{List: []infrav1.NSG{{Name: "cp", Role: "control-plane"}}},
		},
		VCNPeering: &infrav1.VCNPeering{DRG: &infrav1.DRG{Manage: true},
			PeerRouteRules: []infrav1.PeerRouteRule{{VCNCIDRRange: "10.2.0.0/16"}}},
	}
}

func clusterCases() kindCases {
	c := func(name string, mutate func(*infrav1.OCIClusterSpec)) *infrav1.OCICluster {
		o := &infrav1.OCICluster{ObjectMeta: meta(name), Spec: infrav1.OCIClusterSpec{CompartmentID: compartmentID}}
		mutate(&o.Spec)
		return o
	}
	return kindCases{
		kind:    "OCICluster",
		minimal: c("cluster-min", func(*infrav1.OCIClusterSpec) {}),
		rich: c("cluster-rich", func(s *infrav1.OCIClusterSpec) {
			s.Region, s.NetworkSpec = "us-ashburn-1", richNetwork()
			s.IdentityRef = &corev1.ObjectReference{Kind: "OCIClusterIdentity", Name: "id", Namespace: "default"}
			s.FreeformTags = map[string]string{"team": "a"}
		}),
		bad: []badCase{
			{"compartment not an OCID", c("cluster-bad1", func(s *infrav1.OCIClusterSpec) { s.CompartmentID = "prod" }), "spec.compartmentId"},
			{"subnet outside the VCN", c("cluster-bad2", func(s *infrav1.OCIClusterSpec) {
				s.NetworkSpec = richNetwork()
				s.NetworkSpec.VCN.Subnets[2].CIDR = "10.9.0.0/20"
			}), "spec.networkSpec.vcn.subnets[2].cidr"},
			{"subnets overlap", c("cluster-bad3", func(s *infrav1.OCIClusterSpec) {
				s.NetworkSpec = richNetwork()
				s.NetworkSpec.VCN.Subnets[1].CIDR = "10.1.0.0/24"
			}), "spec.networkSpec.vcn.subnets[1].cidr"},
			{"unknown load balancer type", c("cluster-bad4", func(s *infrav1.OCIClusterSpec) {
				s.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: "alb"}
			}), "spec.networkSpec.apiServerLoadBalancer.loadBalancerType"},
		},
	}
}

func clusterTemplateCases() kindCases {
	t := func(name string, mutate func(*infrav1.OCIClusterSpec)) *infrav1.OCIClusterTemplate {
		o := &infrav1.OCIClusterTemplate{ObjectMeta: meta(name)}
		o.Spec.Template.Spec.CompartmentID = compartmentID
		mutate(&o.Spec.Template.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIClusterTemplate",
		minimal: t("ct-min", func(*infrav1.OCIClusterSpec) {}),
		rich:    t("ct-rich", func(s *infrav1.OCIClusterSpec) { s.NetworkSpec = richNetwork() }),
		bad: []badCase{
			{"stable identifier in a template", t("ct-bad1", func(s *infrav1.OCIClusterSpec) {
				s.OCIResourceIdentifier = "5b2d3f6c-8f0a-4c3e-9d3a-1e2f3a4b5c6d"
			}), "spec.template.spec.ociResourceIdentifier"},
			{"VCN CIDR does not parse", t("ct-bad2", func(s *infrav1.OCIClusterSpec) { s.NetworkSpec.VCN.CIDR = "10.0.0.0/40" }),
				"spec.template.spec.networkSpec.vcn.cidr"},
			{"bad region", t("ct-bad3", func(s *infrav1.OCIClusterSpec) { s.Region = "Ashburn" }), "spec.template.spec.region"},
		},
	}
}

func managedClusterCases() kindCases {
	c := func(name string, mutate func(*infrav1.OCIManagedClusterSpec)) *infrav1.OCIManagedCluster {
		o := &infrav1.OCIManagedCluster{ObjectMeta: meta(name), Spec: infrav1.OCIManagedClusterSpec{CompartmentID: compartmentID}}
		mutate(&o.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIManagedCluster",
		minimal: c("mc-min", func(*infrav1.OCIManagedClusterSpec) {}),
		rich: c("mc-rich", func(s *infrav1.OCIManagedClusterSpec) {
			s.NetworkSpec.VCN = infrav1.VCN{CIDR: "10.0.0.0/16", Subnets: []infrav1.Subnet{
				{Name: "ep", Role: "control-plane-endpoint"}, {Name: "w", Role: "worker"}, {Name: "pods", Role: "pod", CIDR: "10.0.128.0/18"}}}
			s.HostURL = &infrav1.ClientOverrides{ContainerEngineClientURL: "https://containerengine.example.com"}
		}),
		bad: []badCase{
			{"client override not a URL", c("mc-bad1", func(s *infrav1.OCIManagedClusterSpec) {
				s.HostURL = &infrav1.ClientOverrides{ContainerEngineClientURL: "containerengine"}
			}), "spec.hostUrl.containerEngineClientUrl"},
			{"subnet role unknown", c("mc-bad2", func(s *infrav1.OCIManagedClusterSpec) {
				s.NetworkSpec.VCN.Subnets = []infrav1.Subnet{{Name: "x", Role: "database"}}
			}), "spec.networkSpec.vcn.subnets[0].role"},
			{"identifier not a UUID", c("mc-bad3", func(s *infrav1.OCIManagedClusterSpec) { s.OCIResourceIdentifier = "cluster-1" }),
				"spec.ociResourceIdentifier"},
		},
	}
}

func managedClusterTemplateCases() kindCases {
	t := func(name string, mutate func(*infrav1.OCIManagedClusterSpec)) *infrav1.OCIManagedClusterTemplate {
		o := &infrav1.OCIManagedClusterTemplate{ObjectMeta: meta(name)}
		mutate(&o.Spec.Template.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIManagedClusterTemplate",
		minimal: t("mct-min", func(*infrav1.OCIManagedClusterSpec) {}),
		rich: t("mct-rich", func(s *infrav1.OCIManagedClusterSpec) {
			s.CompartmentID, s.Region = compartmentID, "eu-frankfurt-1"
			s.NetworkSpec.VCN.CIDRs = []string{"10.0.0.0/16", "10.1.0.0/16"}
		}),
		bad: []badCase{
			{"VCN CIDRs overlap", t("mct-bad1", func(s *infrav1.OCIManagedClusterSpec) {
				s.NetworkSpec.VCN.CIDRs = []string{"10.0.0.0/16", "10.0.0.0/8"}
			}), "spec.template.spec.networkSpec.vcn.cidrs[1]"},
			{"stable identifier in a template", t("mct-bad2", func(s *infrav1.OCIManagedClusterSpec) {
				s.OCIResourceIdentifier = "5b2d3f6c-8f0a-4c3e-9d3a-1e2f3a4b5c6d"
			}), "spec.template.spec.ociResourceIdentifier"},
			{"subnet DNS label too long", t("mct-bad3", func(s *infrav1.OCIManagedClusterSpec) {
				s.NetworkSpec.VCN.Subnets = []infrav1.Subnet{{Name: "w", Role: "worker", DNSLabel: "workersubnetlabel"}}
			}), "spec.template.spec.networkSpec.vcn.subnets[0].dnsLabel"},
		},
	}
}

func machineSpec() infrav1.OCIMachineSpec {
	return infrav1.OCIMachineSpec{ImageID: imageID, Shape: "VM.Standard.E5.Flex"}
}

func machineCases() kindCases {
	m := func(name string, mutate func(*infrav1.OCIMachineSpec)) *infrav1.OCIMachine {
		o := &infrav1.OCIMachine{ObjectMeta: meta(name), Spec: machineSpec()}
		mutate(&o.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIMachine",
		minimal: m("m-min", func(*infrav1.OCIMachineSpec) {}),
		rich: m("m-rich", func(s *infrav1.OCIMachineSpec) {
			s.CompartmentID, s.BootVolumeSizeInGBs = compartmentID, "100"
			s.ShapeConfig = &infrav1.ShapeConfig{OCPUs: "2", MemoryInGBs: "32", BaselineOcpuUtilization: "BASELINE_1_2"}
			s.NetworkDetails = &infrav1.NetworkDetails{SubnetName: "workers", NSGNames: []string{"w"}, AssignPublicIP: ptr.To(false)}
			s.VnicAttachments = []infrav1.VnicAttachment{{DisplayName: "second", SubnetName: "workers", NicIndex: ptr.To(0)}}
			s.AgentConfig = &infrav1.AgentConfig{PluginsConfigs: []infrav1.InstanceAgentPluginConfig{{Name: "OS Management", DesiredState: "ENABLED"}}}
		}),
		bad: []badCase{
			{"image not an OCID", m("m-bad1", func(s *infrav1.OCIMachineSpec) { s.ImageID = "Oracle-Linux-8" }), "spec.imageId"},
			{"boot volume too small", m("m-bad2", func(s *infrav1.OCIMachineSpec) { s.BootVolumeSizeInGBs = "10" }), "spec.bootVolumeSizeInGBs"},
			{"subnet by id and by name", m("m-bad3", func(s *infrav1.OCIMachineSpec) {
				s.NetworkDetails = &infrav1.NetworkDetails{SubnetID: subnetID, SubnetName: "workers"}
			}), "spec.networkDetails.subnetName"},
		},
	}
}

func machineTemplateCases() kindCases {
	t := func(name string, mutate func(*infrav1.OCIMachineSpec)) *infrav1.OCIMachineTemplate {
		o := &infrav1.OCIMachineTemplate{ObjectMeta: meta(name)}
		o.Spec.Template.Spec = machineSpec()
		mutate(&o.Spec.Template.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIMachineTemplate",
		minimal: t("mt-min", func(*infrav1.OCIMachineSpec) {}),
		rich: t("mt-rich", func(s *infrav1.OCIMachineSpec) {
			s.ShapeConfig = &infrav1.ShapeConfig{OCPUs: "4"}
			s.PlatformConfig = &infrav1.PlatformConfig{PlatformConfigType: "AMD_VM"}
			s.LaunchVolumeAttachments = []infrav1.LaunchVolumeAttachment{{VolumeType: "paravirtualized",
				LaunchParavirtualizedVolumeAttachment: &infrav1.LaunchParavirtualizedVolumeAttachment{DisplayName: "data"}}}
		}),
		bad: []badCase{
			{"OCPUs not a number", t("mt-bad1", func(s *infrav1.OCIMachineSpec) { s.ShapeConfig = &infrav1.ShapeConfig{OCPUs: "four"} }),
				"spec.template.spec.shapeConfig.ocpus"},
			{"launch volume without its details", t("mt-bad2", func(s *infrav1.OCIMachineSpec) {
				s.LaunchVolumeAttachments = []infrav1.LaunchVolumeAttachment{{VolumeType: "iscsi"}}
			}), "spec.template.spec.launchVolumeAttachments[0].launchIscsiVolumeAttachment"},
			{"platform type unknown", t("mt-bad3", func(s *infrav1.OCIMachineSpec) {
				s.PlatformConfig = &infrav1.PlatformConfig{PlatformConfigType: "ARM_VM"}
			}), "spec.template.spec.platformConfig.platformConfigType"},
		},
	}
}

func identityCases() kindCases {
	i := func(name string, spec infrav1.OCIClusterIdentitySpec) *infrav1.OCIClusterIdentity {
		return &infrav1.OCIClusterIdentity{ObjectMeta: meta(name), Spec: spec}
	}
	return kindCases{
		kind:    "OCIClusterIdentity",
		minimal: i("id-min", infrav1.OCIClusterIdentitySpec{Type: "InstancePrincipal"}),
		rich: i("id-rich", infrav1.OCIClusterIdentitySpec{Type: "UserPrincipal",
			PrincipalSecret: corev1.SecretReference{Name: "user-key", Namespace: "default"},
			AllowedNamespaces: &infrav1.AllowedNamespaces{List: []string{"team-a", "team-b"},
				Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"oci": "yes"}}}}),
		bad: []badCase{
			{"unknown principal type", i("id-bad1", infrav1.OCIClusterIdentitySpec{Type: "ApiKey"}), "spec.type"},
			{"user principal without its secret", i("id-bad2", infrav1.OCIClusterIdentitySpec{Type: "UserPrincipal"}), "spec.principalSecret.name"},
			{"namespace name invalid", i("id-bad3", infrav1.OCIClusterIdentitySpec{Type: "InstancePrincipal",
				AllowedNamespaces: &infrav1.AllowedNamespaces{List: []string{"Team_A"}}}), "spec.allowedNamespaces.list[0]"},
			{"selector operator unknown", i("id-bad4", infrav1.OCIClusterIdentitySpec{Type: "InstancePrincipal",
				AllowedNamespaces: &infrav1.AllowedNamespaces{Selector: &metav1.LabelSelector{
					MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "a", Operator: "Near"}}}}}), "spec.allowedNamespaces.selector"},
		},
	}
}

func controlPlaneSpec() infrav1.OCIManagedControlPlaneSpec {
	return infrav1.OCIManagedControlPlaneSpec{Version: "v1.34.1"}
}

func controlPlaneCases() kindCases {
	c := func(name string, mutate func(*infrav1.OCIManagedControlPlaneSpec)) *infrav1.OCIManagedControlPlane {
		o := &infrav1.OCIManagedControlPlane{ObjectMeta: meta(name), Spec: controlPlaneSpec()}
		mutate(&o.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIManagedControlPlane",
		minimal: c("cp-min", func(*infrav1.OCIManagedControlPlaneSpec) {}),
		rich: c("cp-rich", func(s *infrav1.OCIManagedControlPlaneSpec) {
			s.ClusterType, s.KMSKeyID = "ENHANCED_CLUSTER", kmsKeyID
			s.ClusterPodNetworkOptions = []infrav1.ClusterPodNetworkOptions{{CNIType: "OCI_VCN_IP_NATIVE"}}
			s.Addons = []infrav1.Addon{{Name: "CertManager"}}
			s.ImagePolicyConfig = &infrav1.ImagePolicyConfig{IsPolicyEnabled: ptr.To(true), KeyDetails: []infrav1.KeyDetails{{KeyDetails: kmsKeyID}}}
			s.ClusterOptions = &infrav1.ClusterOptions{OpenIDConnectTokenAuthenticationConfig: &infrav1.OpenIDConnectTokenAuthenticationConfig{
				IsOpenIDConnectAuthEnabled: true, IssuerURL: "https://issuer.example.com", ClientID: "k8s"}}
		}),
		bad: []badCase{
			{"version without v", c("cp-bad1", func(s *infrav1.OCIManagedControlPlaneSpec) { s.Version = "1.34.1" }), "spec.version"},
			{"cluster type unknown", c("cp-bad2", func(s *infrav1.OCIManagedControlPlaneSpec) { s.ClusterType = "PREMIUM_CLUSTER" }), "spec.clusterType"},
			{"add-ons on a basic cluster", c("cp-bad3", func(s *infrav1.OCIManagedControlPlaneSpec) {
				s.ClusterType, s.Addons = "BASIC_CLUSTER", []infrav1.Addon{{Name: "CertManager"}}
			}), "spec.addons"},
		},
	}
}

func controlPlaneTemplateCases() kindCases {
	t := func(name string, mutate func(*infrav1.OCIManagedControlPlaneSpec)) *infrav1.OCIManagedControlPlaneTemplate {
		o := &infrav1.OCIManagedControlPlaneTemplate{ObjectMeta: meta(name)}
		o.Spec.Template.Spec = controlPlaneSpec()
		mutate(&o.Spec.Template.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIManagedControlPlaneTemplate",
		minimal: t("cpt-min", func(*infrav1.OCIManagedControlPlaneSpec) {}),
		rich: t("cpt-rich", func(s *infrav1.OCIManagedControlPlaneSpec) {
			s.ClusterType = "ENHANCED_CLUSTER"
			s.ClusterPodNetworkOptions = []infrav1.ClusterPodNetworkOptions{{CNIType: "FLANNEL_OVERLAY"}}
		}),
		bad: []badCase{
			{"CNI unknown", t("cpt-bad1", func(s *infrav1.OCIManagedControlPlaneSpec) {
				s.ClusterPodNetworkOptions = []infrav1.ClusterPodNetworkOptions{{CNIType: "CALICO"}}
			}), "spec.template.spec.clusterPodNetworkOptions[0].cniType"},
			{"OIDC issuer not https", t("cpt-bad2", func(s *infrav1.OCIManagedControlPlaneSpec) {
				s.ClusterOptions = &infrav1.ClusterOptions{OpenIDConnectTokenAuthenticationConfig: &infrav1.OpenIDConnectTokenAuthenticationConfig{
					IsOpenIDConnectAuthEnabled: true, IssuerURL: "http://issuer", ClientID: "k8s"}}
			}), "spec.template.spec.clusterOptions.openIdConnectTokenAuthenticationConfig.issuerUrl"},
			{"KMS key not an OCID", t("cpt-bad3", func(s *infrav1.OCIManagedControlPlaneSpec) { s.KMSKeyID = "my-key" }),
				"spec.template.spec.kmsKeyId"},
		},
	}
}
