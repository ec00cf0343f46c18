package ocisim

import (
	"time"
)

// Service names accepted by Sim.Endpoint and Sim.Configure. Each is served on
// its own listener per region, as OCI serves each on its own host name.
const (
	// ServiceCore serves the compute, compute management, block storage and
	// virtual network clients (iaas.<region>).
	ServiceCore = "core"
	// ServiceLoadBalancer serves the load balancer client.
	ServiceLoadBalancer = "loadbalancer"
	// ServiceNetworkLoadBalancer serves the network load balancer client.
	ServiceNetworkLoadBalancer = "networkloadbalancer"
	// ServiceContainerEngine serves the container engine (OKE) client.
	ServiceContainerEngine = "containerengine"
	// ServiceIdentity serves the identity client.
	ServiceIdentity = "identity"
	// ServiceWorkRequests serves the core work requests client.
	ServiceWorkRequests = "workrequests"
)

// Services lists every service the emulator serves.
func Services() []string {
	return []string{ServiceCore, ServiceLoadBalancer, ServiceNetworkLoadBalancer,
		ServiceContainerEngine, ServiceIdentity, ServiceWorkRequests}
}

// Resource kinds used for per-kind delays, limits and snapshots.
const (
	KindInstance        = "instance"
	KindInstancePool    = "instancepool"
	KindLoadBalancer    = "loadbalancer"
	KindNLB             = "networkloadbalancer"
	KindCluster         = "cluster"
	KindNodePool        = "nodepool"
	KindVirtualNodePool = "virtualnodepool"
	KindAddon           = "addon"
	KindVolume          = "volume"
	KindVolumeAttach    = "volumeattachment"
	KindVnicAttachment  = "vnicattachment"
	KindVcn             = "vcn"
	KindSubnet          = "subnet"
)

// Options configures an emulator. The zero value is usable: two regions, three
// availability domains of three fault domains each, instant lifecycles, no
// faults and signature checking on.
type Options struct {
	// Regions served; the first is the home region. Default: us-ashburn-1 and us-phoenix-1.
	Regions []string
	// ADs is the number of availability domains per region (default 3).
	ADs int
	// FDs is the number of fault domains per availability domain (default 3).
	FDs int
	// Delays is the time each kind of resource spends in its transitional
	// states, by kind (see the Kind constants), or by operation ("Operation" or
	// "service/Operation", which win over the kind). Missing kinds take no time:
	// the create response shows the transitional state, the next read the final
	// one.
	Delays map[string]time.Duration
	// TimeScale multiplies every delay (0 means 1).
	TimeScale float64
	// PageSize is the default page size of list operations (default 100).
	PageSize int
	// LoadBalancerHost is the address given to load balancers and network load
	// balancers (default 127.0.0.1). It must be a loopback address.
	LoadBalancerHost string
	// KubeconfigServer is the server URL written into OKE kubeconfigs
	// (default https://127.0.0.1:6443).
	KubeconfigServer string
	// KubeconfigCAData is written into OKE kubeconfigs as the cluster's CA.
	KubeconfigCAData []byte
	// Capacity limits how many instances of a shape fit in a fault domain,
	// keyed by "shape" (every fault domain), "shape@AD" (the fault domains of
	// one availability domain) or "shape@AD@FD" (one fault domain); the most
	// specific key wins and shapes without a key are unlimited.
	Capacity map[string]int
	// StrictPlacement makes LaunchInstance place an instance that names no
	// fault domain as OCI's own placement may: in the fault domain of the
	// availability domain holding the fewest instances of the shape (ties go
	// to the lowest number), chosen without looking at Capacity, and to answer
	// 500 "Out of host capacity" when that fault domain is full even though
	// another one has room; users then pin a fault domain. Launches that pin a
	// fault domain, and instance pools, are unaffected. Off (the default), an
	// unpinned launch goes to the least used fault domain that has room.
	StrictPlacement bool
	// Limits caps how many live resources of a kind a tenancy may hold, keyed by
	// kind; missing kinds are unlimited.
	Limits map[string]int
	// Faults injected from the start, keyed by "service/Operation" (e.g.
	// "loadbalancer/CreateBackend"), by operation name (e.g. "CreateVcn") or
	// "*" for every operation; the most specific key wins.
	Faults map[string]Fault
	// DisableAuth turns off request signature checking.
	DisableAuth bool
	// TLS serves every endpoint over HTTPS with a certificate from a generated CA.
	TLS bool
	// RequestLogSize is how many requests the request log keeps (default 1000).
	RequestLogSize int
	// Clock, when set, replaces the wall clock for lifecycles and retry tokens.
	Clock func() time.Time
	// ClusterTokenLifetime is how long after its date an OKE cluster token verifies (see Sim.VerifyClusterToken and
	// Sim.SetClusterTokenLifetime); 0 means 5 minutes, the clock skew OKE tolerates. Token dates are measured
	// against the wall clock, as clients sign with it.
	ClusterTokenLifetime time.Duration
}

// Fault describes failures injected into one operation.
type Fault struct {
	// ErrorRate is the probability (0..1) that a request fails with Status.
	ErrorRate float64 `json:"errorRate,omitempty"`
	// Status is the injected HTTP status: 429, 500 or 503 (default 500).
	Status int `json:"status,omitempty"`
	// ThrottleRate is the probability (0..1) that a request the ErrorRate spared answers 429, so that one
	// fault can mix server errors and throttling.
	ThrottleRate float64 `json:"throttleRate,omitempty"`
	// Latency is added to every request.
	Latency time.Duration `json:"latency,omitempty"`
	// ListLag keeps resources created by this operation out of list results
	// for this long (eventual consistency).
	ListLag time.Duration `json:"listLag,omitempty"`
	// GetLag makes resources created by this operation answer 404 to reads
	// for this long (eventual consistency).
	GetLag time.Duration `json:"getLag,omitempty"`
	// WorkRequest changes the work requests this operation starts: "stuck"
	// (they stay IN_PROGRESS) or "fail" (they end FAILED with an error).
	WorkRequest string `json:"workRequest,omitempty"`
}

func (o *Options) withDefaults() {
	if len(o.Regions) == 0 {
		o.Regions = []string{"us-ashburn-1", "us-phoenix-1"}
	}
	if o.ADs <= 0 {
		o.ADs = 3
	}
	if o.FDs <= 0 {
		o.FDs = 3
	}
	if o.TimeScale <= 0 {
		o.TimeScale = 1
	}
	if o.PageSize <= 0 {
		o.PageSize = 100
	}
	if o.LoadBalancerHost == "" {
		o.LoadBalancerHost = "127.0.0.1"
	}
	if o.KubeconfigServer == "" {
		o.KubeconfigServer = "https://127.0.0.1:6443"
	}
	if o.RequestLogSize <= 0 {
		o.RequestLogSize = 1000
	}
}

// RealisticDelays returns delays of the order OCI shows, to be combined with
// Options.TimeScale.
func RealisticDelays() map[string]time.Duration {
	return map[string]time.Duration{
		// VCN-level resources are usable within seconds; gateways take a little longer, DRGs longer still.
		KindVcn:             2 * time.Second,
		KindSubnet:          5 * time.Second,
		kindRouteTable:      time.Second,
		kindSecurityList:    time.Second,
		kindNSG:             time.Second,
		kindInternetGateway: 3 * time.Second,
		kindNatGateway:      10 * time.Second,
		kindServiceGateway:  10 * time.Second,
		kindDrg:             40 * time.Second,
		kindDrgAttachment:   30 * time.Second,
		// A change to a load balancer's or NLB's backends, backend sets or listeners takes a fraction of its
		// creation: the operation's delay wins over the kind's.
		"loadbalancer/CreateBackend":                    20 * time.Second,
		"loadbalancer/DeleteBackend":                    20 * time.Second,
		"loadbalancer/UpdateBackendSet":                 25 * time.Second,
		"loadbalancer/UpdateListener":                   25 * time.Second,
		"networkloadbalancer/CreateBackend":             15 * time.Second,
		"networkloadbalancer/DeleteBackend":             15 * time.Second,
		"networkloadbalancer/UpdateBackendSet":          20 * time.Second,
		"networkloadbalancer/UpdateListener":            20 * time.Second,
		"networkloadbalancer/UpdateNetworkLoadBalancer": 20 * time.Second,
		KindInstance:        45 * time.Second,
		KindInstancePool:    60 * time.Second,
		KindLoadBalancer:    90 * time.Second,
		KindNLB:             60 * time.Second,
		KindCluster:         7 * time.Minute,
		KindNodePool:        4 * time.Minute,
		KindVirtualNodePool: 3 * time.Minute,
		KindAddon:           time.Minute,
		KindVolume:          10 * time.Second,
		KindVolumeAttach:    15 * time.Second,
		KindVnicAttachment:  15 * time.Second,
	}
}
