package ocisim

import (
	"net/http"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// addonVersions are the add-ons the emulator offers, with their versions.
var addonVersions = map[string][]string{
	"CertManager":             {"v1.14.5", "v1.15.3"},
	"KubernetesMetricsServer": {"v0.7.1"},
	"NativeIngressController": {"v1.3.6"},
	"ClusterAutoscaler":       {"v1.31.1", "v1.32.1"},
}

func (s *Sim) addonRoutes(mux *http.ServeMux, region string) {
	svc, one := ServiceContainerEngine, "/20180222/clusters/{clusterId}/addons/{addonName}"
	s.handle(mux, svc, region, "POST /20180222/clusters/{clusterId}/addons", "InstallAddon", idempotent(installAddon))
	s.handle(mux, svc, region, "GET "+one, "GetAddon", func(c *call) error {
		r, err := c.lookup(KindAddon, addonID(c.r.PathValue("clusterId"), c.r.PathValue("addonName")))
		if err != nil {
			return err
		}
		c.respond(r, nil)
		return nil
	})
	s.handle(mux, svc, region, "GET /20180222/clusters/{clusterId}/addons", "ListAddons", func(c *call) error {
		if _, err := c.lookup(KindCluster, c.r.PathValue("clusterId")); err != nil {
			return err
		}
		cluster := c.r.PathValue("clusterId")
		return c.listRecords(KindAddon, func(r *record) bool { return r.parents["clusterId"] == cluster }, nil, false)
	})
	s.handle(mux, svc, region, "PUT "+one, "UpdateAddon", updateAddon)
	s.handle(mux, svc, region, "DELETE "+one, "DisableAddon", disableAddon)
}

func addonID(cluster, name string) string { return cluster + "/addons/" + name }

func checkAddonVersion(name string, version *string) error {
	versions, ok := addonVersions[name]
	if !ok {
		return errInvalid("Unknown add-on %q.", name)
	}
	if version != nil && !containsString(versions, *version) {
		return errInvalid("Add-on %s has no version %q.", name, *version)
	}
	return nil
}

func installAddon(c *call) error {
	cluster, err := c.live(KindCluster, c.r.PathValue("clusterId"))
	if err != nil {
		return err
	}
	if err := c.checkEtag(cluster); err != nil {
		return err
	}
	if err := requireEnhanced(cluster, "Cluster add-ons"); err != nil {
		return err
	}
	var d ce.InstallAddonDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := checkAddonVersion(*d.AddonName, d.Version); err != nil {
		return err
	}
	id := addonID(cluster.id, *d.AddonName)
	if old, ok := c.sim.st.recs[id]; ok {
		if !old.deleted && !ptrVal(d.IsOverrideExisting) {
			return errConflict("Add-on %s is already installed on cluster %s.", *d.AddonName, cluster.id)
		}
		c.sim.st.remove(old)
	}
	versions := addonVersions[*d.AddonName]
	a := &ce.Addon{Name: d.AddonName, Version: d.Version, Configurations: d.Configurations,
		CurrentInstalledVersion: ptr(versions[len(versions)-1]), TimeCreated: sdkTime(c.now)}
	if d.Version != nil {
		a.CurrentInstalledVersion = d.Version
	}
	r := &record{id: id, kind: KindAddon, region: c.region, compartment: cluster.compartment, name: *d.AddonName,
		obj: a, created: c.now, visibleAt: c.now, state: stCreating, parents: map[string]string{"clusterId": cluster.id}}
	c.sim.st.add(r)
	c.createdID = r.id
	wr := c.async(r, KindAddon, "ENABLE_ADDON", "addon", "CREATED", "", stActive, nil)
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

func updateAddon(c *call) error {
	r, err := c.live(KindAddon, addonID(c.r.PathValue("clusterId"), c.r.PathValue("addonName")))
	if err != nil {
		return err
	}
	if err := c.checkEtag(r); err != nil {
		return err
	}
	var d ce.UpdateAddonDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := checkAddonVersion(r.name, d.Version); err != nil {
		return err
	}
	a := r.obj.(*ce.Addon)
	copyFields(a, &d)
	if d.Version != nil {
		a.CurrentInstalledVersion = d.Version
	}
	wr := c.async(r, KindAddon, "UPDATE_ADDON", "addon", "UPDATED", stUpdating, stActive, nil)
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

func disableAddon(c *call) error {
	r, err := c.live(KindAddon, addonID(c.r.PathValue("clusterId"), c.r.PathValue("addonName")))
	if err != nil {
		return err
	}
	if err := c.checkEtag(r); err != nil {
		return err
	}
	r.deleted = true
	wr := c.async(r, KindAddon, "DISABLE_ADDON", "addon", "DELETED", stDeleting, stDeleted, nil)
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}
