package ocisim

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// kubernetesVersions are the versions OKE offers in the emulator, oldest first.
var kubernetesVersions = []string{"v1.31.1", "v1.32.1", "v1.33.1"}

func (s *Sim) okeRoutes(mux *http.ServeMux, region string) {
	svc := ServiceContainerEngine
	s.handle(mux, svc, region, "POST /20180222/clusters", "CreateCluster", idempotent(createCluster))
	s.handle(mux, svc, region, "GET /20180222/clusters/{clusterId}", "GetCluster", getOKE(KindCluster, "clusterId"))
	s.handle(mux, svc, region, "GET /20180222/clusters", "ListClusters", func(c *call) error {
		return c.listRecords(KindCluster, nil, nil, false)
	})
	s.handle(mux, svc, region, "PUT /20180222/clusters/{clusterId}", "UpdateCluster", updateCluster)
	s.handle(mux, svc, region, "DELETE /20180222/clusters/{clusterId}", "DeleteCluster", deleteCluster)
	s.handle(mux, svc, region, "POST /20180222/clusters/{clusterId}/kubeconfig/content", "CreateKubeconfig", createKubeconfig)
	s.handle(mux, svc, region, "POST /20180222/clusters/{clusterId}/actions/updateEndpointConfig",
		"UpdateClusterEndpointConfig", updateClusterEndpointConfig)
	s.handle(mux, svc, region, "GET /20180222/workRequests/{workRequestId}", "GetWorkRequest", getOKEWorkRequest)
	s.handle(mux, svc, region, "GET /20180222/workRequests/{workRequestId}/errors", "ListWorkRequestErrors",
		listOKEWorkRequestErrors)
	s.handle(mux, svc, region, "GET /20180222/workRequests/{workRequestId}/logs", "ListWorkRequestLogs",
		listOKEWorkRequestLogs)
	s.nodePoolRoutes(mux, region)
	s.virtualNodePoolRoutes(mux, region)
	s.addonRoutes(mux, region)
}

// getOKE returns a handler that gets an OKE resource by a path parameter.
func getOKE(kind, param string) handlerFunc {
	return func(c *call) error {
		r, err := c.lookup(kind, c.r.PathValue(param))
		if err != nil {
			return err
		}
		c.respond(r, nil)
		return nil
	}
}

func checkVersion(v *string) error {
	if v != nil && !containsString(kubernetesVersions, *v) {
		return errInvalid("Kubernetes version %q is not supported; choose one of %s.", *v, strings.Join(kubernetesVersions, ", "))
	}
	return nil
}

// buildCluster validates create details and builds the cluster model.
func (c *call) buildCluster(d *ce.CreateClusterDetails) (*ce.Cluster, error) {
	if err := c.checkCompartment(*d.CompartmentId); err != nil {
		return nil, err
	}
	if err := checkVersion(d.KubernetesVersion); err != nil {
		return nil, err
	}
	if _, _, err := c.vcnPrefixes(*d.VcnId); err != nil {
		return nil, err
	}
	cl := &ce.Cluster{}
	copyFields(cl, d)
	if p := d.ImagePolicyConfig; p != nil {
		cl.ImagePolicyConfig = updateImagePolicy(nil, p.IsPolicyEnabled, p.KeyDetails)
	}
	if cl.Type == "" {
		cl.Type = ce.ClusterTypeBasicCluster
	}
	if err := checkEnhancedOptions(cl.Type, cl.Options); err != nil {
		return nil, err
	}
	u, err := url.Parse(c.sim.opts.KubeconfigServer)
	if err != nil {
		return nil, errInvalid("bad kubeconfig server: %v", err)
	}
	cl.Endpoints = &ce.ClusterEndpoints{Kubernetes: ptr(u.Host)}
	if ec := d.EndpointConfig; ec != nil {
		subnet, err := c.live(KindSubnet, ptrVal(ec.SubnetId))
		if err != nil {
			return nil, err
		}
		ip, err := c.allocateIP(subnet, "")
		if err != nil {
			return nil, err
		}
		cl.EndpointConfig = &ce.ClusterEndpointConfig{SubnetId: ec.SubnetId, NsgIds: ec.NsgIds, IsPublicIpEnabled: ec.IsPublicIpEnabled}
		cl.Endpoints.PrivateEndpoint = ptr(ip + ":6443")
		if ptrVal(ec.IsPublicIpEnabled) {
			cl.Endpoints.PublicEndpoint = ptr(u.Host)
		}
	}
	cl.AvailableKubernetesUpgrades = newerVersions(ptrVal(d.KubernetesVersion))
	return cl, nil
}

func newerVersions(v string) []string {
	for i, known := range kubernetesVersions {
		if known == v {
			return append([]string{}, kubernetesVersions[i+1:]...)
		}
	}
	return []string{}
}

func createCluster(c *call) error {
	var d ce.CreateClusterDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := c.checkLimit(KindCluster); err != nil {
		return err
	}
	cl, err := c.buildCluster(&d)
	if err != nil {
		return err
	}
	r := c.newRecord(KindCluster, "cluster", *d.CompartmentId, *d.Name, cl, stCreating)
	r.parents["vcnId"] = *d.VcnId
	wr := c.async(r, KindCluster, "CLUSTER_CREATE", "cluster", "CREATED", "", stActive, nil)
	cl.Metadata = &ce.ClusterMetadata{TimeCreated: sdkTime(c.now), CreatedByUserId: ptr(c.sim.user), CreatedByWorkRequestId: &wr}
	c.createdID = r.id
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

// liveOKE returns a live OKE resource of the path, checking if-match.
func (c *call) liveOKE(kind, param string) (*record, error) {
	r, err := c.live(kind, c.r.PathValue(param))
	if err != nil {
		return nil, err
	}
	if err := c.checkEtag(r); err != nil {
		return nil, err
	}
	return r, nil
}

func updateCluster(c *call) error {
	r, err := c.liveOKE(KindCluster, "clusterId")
	if err != nil {
		return err
	}
	var d ce.UpdateClusterDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	cl := r.obj.(*ce.Cluster)
	if err := checkClusterUpdate(cl, &d); err != nil {
		return err
	}
	copyFields(cl, &d)
	if d.Options != nil {
		if cl.Options == nil {
			cl.Options = &ce.ClusterCreateOptions{}
		}
		applyOptionsUpdate(cl.Options, d.Options)
	}
	if p := d.ImagePolicyConfig; p != nil {
		cl.ImagePolicyConfig = updateImagePolicy(cl.ImagePolicyConfig, p.IsPolicyEnabled, p.KeyDetails)
	}
	cl.AvailableKubernetesUpgrades = newerVersions(*cl.KubernetesVersion)
	r.name = *cl.Name
	wr := c.async(r, KindCluster, "CLUSTER_UPDATE", "cluster", "UPDATED", stUpdating, stActive, nil)
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

// checkClusterUpdate validates an update of a cluster before any of it is applied: the Kubernetes version must
// be the current one or an available upgrade, an ENHANCED_CLUSTER cannot become BASIC, and the cluster's type after
// the update must allow the options it would have.
func checkClusterUpdate(cl *ce.Cluster, d *ce.UpdateClusterDetails) error {
	if err := checkVersion(d.KubernetesVersion); err != nil {
		return err
	}
	if d.KubernetesVersion != nil && *d.KubernetesVersion != *cl.KubernetesVersion &&
		!containsString(cl.AvailableKubernetesUpgrades, *d.KubernetesVersion) {
		return errInvalid("Cannot change Kubernetes version from %s to %s.", *cl.KubernetesVersion, *d.KubernetesVersion)
	}
	typ := cl.Type
	if d.Type != "" {
		if cl.Type == ce.ClusterTypeEnhancedCluster && d.Type != ce.ClusterTypeEnhancedCluster {
			return errInvalid("Cannot change the cluster type from %s to %s: an enhanced cluster cannot be downgraded.",
				cl.Type, d.Type)
		}
		typ = d.Type
	}
	opts := &ce.ClusterCreateOptions{}
	if cl.Options != nil {
		*opts = *cl.Options
	}
	if d.Options != nil {
		applyOptionsUpdate(opts, d.Options)
	}
	return checkEnhancedOptions(typ, opts)
}

// checkEnhancedOptions refuses the options only an ENHANCED_CLUSTER offers on a cluster of another type.
func checkEnhancedOptions(typ ce.ClusterTypeEnum, o *ce.ClusterCreateOptions) error {
	if typ == ce.ClusterTypeEnhancedCluster || o == nil {
		return nil
	}
	if a := o.OpenIdConnectTokenAuthenticationConfig; a != nil && ptrVal(a.IsOpenIdConnectAuthEnabled) {
		return errInvalid("OpenID Connect token authentication (openIdConnectTokenAuthenticationConfig) requires an %s; "+
			"this cluster is %s.", ce.ClusterTypeEnhancedCluster, basicIfUnset(typ))
	}
	if dsc := o.OpenIdConnectDiscovery; dsc != nil && ptrVal(dsc.IsOpenIdConnectDiscoveryEnabled) {
		return errInvalid("OpenID Connect discovery (openIdConnectDiscovery) requires an %s; this cluster is %s.",
			ce.ClusterTypeEnhancedCluster, basicIfUnset(typ))
	}
	return nil
}

// requireEnhanced refuses a feature only an ENHANCED_CLUSTER offers on a cluster of another type.
func requireEnhanced(cluster *record, feature string) error {
	if typ := cluster.obj.(*ce.Cluster).Type; typ != ce.ClusterTypeEnhancedCluster {
		return errInvalid("%s require an %s; cluster %s is %s.", feature, ce.ClusterTypeEnhancedCluster, cluster.id,
			basicIfUnset(typ))
	}
	return nil
}

// basicIfUnset names a cluster type, an unset one being BASIC_CLUSTER.
func basicIfUnset(typ ce.ClusterTypeEnum) ce.ClusterTypeEnum {
	if typ == "" {
		return ce.ClusterTypeBasicCluster
	}
	return typ
}

func deleteCluster(c *call) error {
	r, err := c.liveOKE(KindCluster, "clusterId")
	if err != nil {
		return err
	}
	r.deleted = true
	for _, np := range c.dependents("clusterId", r.id, KindNodePool, KindVirtualNodePool, KindAddon) {
		np.deleted = true
		c.transition(np, np.kind, stDeleting, stDeleted)
	}
	wr := c.async(r, KindCluster, "CLUSTER_DELETE", "cluster", "DELETED", stDeleting, stDeleted, func(at time.Time) {
		r.obj.(*ce.Cluster).Metadata.TimeDeleted = sdkTime(at)
	})
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}
