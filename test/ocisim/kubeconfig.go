package ocisim

import (
	"encoding/base64"
	"fmt"
	"net/http"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// createKubeconfig returns a kubeconfig for an ACTIVE cluster whose server is
// Options.KubeconfigServer (see Sim.SetKubeconfigServer).
func createKubeconfig(c *call) error {
	r, err := c.live(KindCluster, c.r.PathValue("clusterId"))
	if err != nil {
		return err
	}
	if r.state != stActive && r.state != stUpdating {
		return errIncorrectState("Cluster %s is %s; a kubeconfig needs an active cluster.", r.id, r.state)
	}
	var d ce.CreateClusterKubeconfigContentDetails
	if len(c.body) > 0 {
		if err := c.decode(&d); err != nil {
			return err
		}
	}
	ca := ""
	if len(c.sim.opts.KubeconfigCAData) > 0 {
		ca = "\n    certificate-authority-data: " + base64.StdEncoding.EncodeToString(c.sim.opts.KubeconfigCAData)
	}
	name := "cluster-" + r.id[len(r.id)-11:]
	body := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: %[1]s
  cluster:
    server: %[2]s%[3]s
contexts:
- name: context-%[1]s
  context:
    cluster: %[1]s
    user: user-%[1]s
current-context: context-%[1]s
preferences: {}
users:
- name: user-%[1]s
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: oci
      args: ["ce", "cluster", "generate-token", "--cluster-id", "%[4]s", "--region", "%[5]s"]
      env: []
`, name, c.sim.opts.KubeconfigServer, ca, r.id, c.region)
	c.reply(http.StatusOK, "application/yaml", []byte(body), nil)
	return nil
}
