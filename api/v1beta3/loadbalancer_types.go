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

package v1beta3

import (
	"strings"
)

// The load balancer in front of the Kubernetes API server.

// LoadBalancer describes the load balancer in front of the Kubernetes API server.
type LoadBalancer struct {
	// LoadBalancerID is the OCID of the load balancer.
	// +optional
	LoadBalancerID string `json:"loadBalancerId,omitempty"`

	// LoadBalancerType selects the kind of load balancer: the exact value lb makes a flexible load balancer, any
	// other (nlb when empty; NLB and LB are accepted and stored as written) a network load balancer, as with the
	// earlier provider. When LoadBalancerID is set, its OCID decides instead.
	// +optional
	LoadBalancerType string `json:"loadBalancerType,omitempty"`

	// Name is the display name of the load balancer.
	// +optional
	Name string `json:"name,omitempty"`

	// NLBSpec holds the network load balancer settings.
	// +optional
	NLBSpec *NLBSpec `json:"nlbSpec,omitempty"`
}

// IsFlexibleLoadBalancer reports whether the API server's load balancer is a flexible (classic) load balancer
// rather than a network load balancer: by the OCID of LoadBalancerID when it is set, else only for the exact type
// "lb". A nil LoadBalancer is a network load balancer.
func (lb *LoadBalancer) IsFlexibleLoadBalancer() bool {
	switch {
	case lb == nil:
		return false
	case strings.HasPrefix(lb.LoadBalancerID, "ocid1.loadbalancer."):
		return true
	case strings.HasPrefix(lb.LoadBalancerID, "ocid1.networkloadbalancer."):
		return false
	default:
		return lb.LoadBalancerType == "lb"
	}
}

// NLBSpec holds network load balancer settings.
type NLBSpec struct {
	// BackendSetDetails configures the backend set of the network load balancer.
	// +optional
	BackendSetDetails *BackendSetDetails `json:"backendSetDetails,omitempty"`

	// ReservedIPIDs are the OCIDs of reserved public IPs to assign to the network load balancer.
	// +optional
	ReservedIPIDs []string `json:"reservedIpIds,omitempty"`
}

// BackendSetDetails configures the backend set of a network load balancer.
type BackendSetDetails struct {
	// HealthChecker configures the health check of the backends.
	// +optional
	HealthChecker *HealthChecker `json:"healthChecker,omitempty"`

	// IsFailOpen sends traffic to all backends when every backend is unhealthy.
	// +optional
	IsFailOpen *bool `json:"isFailOpen,omitempty"`

	// IsInstantFailoverEnabled enables instant failover of connections when a backend becomes unhealthy.
	// +optional
	IsInstantFailoverEnabled *bool `json:"isInstantFailoverEnabled,omitempty"`

	// IsPreserveSource preserves the source address of the client.
	// +optional
	IsPreserveSource *bool `json:"isPreserveSource,omitempty"`
}

// HealthChecker configures the health check of load balancer backends.
type HealthChecker struct {
	// IntervalInMillis is the interval between health checks in milliseconds.
	// +optional
	IntervalInMillis *int `json:"intervalInMillis,omitempty"`

	// Port is the backend port the health check connects to.
	// +optional
	Port *int `json:"port,omitempty"`

	// Protocol is the health check protocol: HTTP, HTTPS, TCP or UDP.
	// +optional
	Protocol string `json:"protocol,omitempty"`

	// RequestData is the payload sent by UDP and TCP health checks.
	// +optional
	RequestData string `json:"requestData,omitempty"`

	// ResponseBodyRegex is a regular expression the HTTP response body must match.
	// +optional
	ResponseBodyRegex string `json:"responseBodyRegex,omitempty"`

	// ResponseData is the payload expected back from UDP and TCP health checks.
	// +optional
	ResponseData string `json:"responseData,omitempty"`

	// Retries is the number of retries before a backend is considered unhealthy.
	// +optional
	Retries *int `json:"retries,omitempty"`

	// ReturnCode is the HTTP status code a healthy backend returns.
	// +optional
	ReturnCode *int `json:"returnCode,omitempty"`

	// TimeoutInMillis is the timeout of one health check in milliseconds.
	// +optional
	TimeoutInMillis *int `json:"timeoutInMillis,omitempty"`

	// URLPath is the path of the HTTP health check.
	// +optional
	URLPath string `json:"urlPath,omitempty"`
}
