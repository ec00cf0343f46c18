// Command ocisim runs the OCI API emulator on loopback addresses and prints
// what a client needs to reach it: endpoints per service and region, the
// tenancy, the user, the key fingerprint and the path of the private key.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// config holds the command-line flags.
type config struct {
	regions          string
	ads, fds         int
	pageSize         int
	requestLogSize   int
	tls              bool
	realistic        bool
	timeScale        float64
	lbHost           string
	kubeconfigServer string
	dir              string
	asJSON           bool
	workloadIdentity string
}

func parseFlags(args []string) (*config, error) {
	c := &config{}
	fs := flag.NewFlagSet("ocisim", flag.ContinueOnError)
	fs.StringVar(&c.regions, "regions", "us-ashburn-1,us-phoenix-1", "comma-separated regions; the first is the home region")
	fs.IntVar(&c.ads, "ads", 3, "availability domains per region")
	fs.IntVar(&c.fds, "fds", 3, "fault domains per availability domain")
	fs.IntVar(&c.pageSize, "page-size", 100, "default page size of list operations")
	fs.IntVar(&c.requestLogSize, "request-log-size", 1000, "how many requests the request log (GET /log on the admin endpoint) keeps")
	fs.BoolVar(&c.tls, "tls", false, "serve HTTPS with a generated CA (written next to the key)")
	fs.BoolVar(&c.realistic, "realistic-delays", false, "use lifecycle delays of the order OCI shows")
	fs.Float64Var(&c.timeScale, "time-scale", 1, "multiply every lifecycle delay by this factor")
	fs.StringVar(&c.lbHost, "lb-host", "127.0.0.1", "loopback address given to load balancers")
	fs.StringVar(&c.kubeconfigServer, "kubeconfig-server", "https://127.0.0.1:6443", "server URL written into OKE kubeconfigs")
	fs.StringVar(&c.dir, "dir", "", "directory for the key, OCI config and CA files (default: a new temporary directory)")
	fs.BoolVar(&c.asJSON, "json", false, "print the connection details as JSON")
	fs.StringVar(&c.workloadIdentity, "workload-identity", "", "also serve the OKE workload identity endpoint on this loopback address, e.g. 127.0.0.1:12250")
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("parsing flags: %w", err)
	}
	return c, nil
}

func (c *config) options() ocisim.Options {
	o := ocisim.Options{Regions: strings.Split(c.regions, ","), ADs: c.ads, FDs: c.fds, PageSize: c.pageSize,
		RequestLogSize: c.requestLogSize,
		TLS:            c.tls, TimeScale: c.timeScale, LoadBalancerHost: c.lbHost, KubeconfigServer: c.kubeconfigServer}
	if c.realistic {
		o.Delays = ocisim.RealisticDelays()
	}
	return o
}

// details is what the command prints.
type details struct {
	Tenancy       string                       `json:"tenancy"`
	User          string                       `json:"user"`
	Fingerprint   string                       `json:"fingerprint"`
	KeyFile       string                       `json:"keyFile"`
	ConfigFile    string                       `json:"configFile"`
	AuthConfigDir string                       `json:"authConfigDir"`
	CAFile        string                       `json:"caFile,omitempty"`
	Regions       []string                     `json:"regions"`
	Endpoints     map[string]map[string]string `json:"endpoints"`
	Admin         string                       `json:"admin"`
	InstanceEnv   map[string]string            `json:"instancePrincipalEnv"`
	WorkloadCA    string                       `json:"workloadIdentityCAFile,omitempty"`
	WorkloadIdent string                       `json:"workloadIdentityAddress,omitempty"`
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ocisim:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	c, err := parseFlags(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sim, err := ocisim.Start(ctx, c.options())
	if err != nil {
		return fmt.Errorf("starting the emulator: %w", err)
	}
	defer sim.Close()
	d, err := writeFiles(c, sim)
	if err != nil {
		return err
	}
	if err := printDetails(out, d, c.asJSON); err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}

// writeFiles writes the key, an OCI CLI config and the CAs into the directory.
func writeFiles(c *config, sim *ocisim.Sim) (*details, error) {
	dir := c.dir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "ocisim-"); err != nil {
			return nil, fmt.Errorf("creating a directory: %w", err)
		}
	}
	files, err := sim.WriteCredentials(dir)
	if err != nil {
		return nil, fmt.Errorf("writing credentials: %w", err)
	}
	d := &details{Tenancy: sim.Tenancy(), User: sim.User(), Fingerprint: sim.Fingerprint(), Regions: sim.Regions(),
		Endpoints: sim.Endpoints(), Admin: sim.AdminURL(), InstanceEnv: sim.InstancePrincipalEnv(),
		KeyFile: files.KeyFile, ConfigFile: files.ConfigFile, CAFile: files.CAFile, AuthConfigDir: files.AuthConfigDir}
	if c.workloadIdentity != "" {
		ca, err := sim.ServeWorkloadIdentity(c.workloadIdentity)
		if err != nil {
			return nil, fmt.Errorf("serving workload identity: %w", err)
		}
		d.WorkloadIdent, d.WorkloadCA = c.workloadIdentity, filepath.Join(dir, "workload-ca.pem")
		if err := os.WriteFile(d.WorkloadCA, ca, 0o600); err != nil {
			return nil, fmt.Errorf("writing %s: %w", d.WorkloadCA, err)
		}
	}
	return d, nil
}

func printDetails(out io.Writer, d *details, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("printing: %w", err)
		}
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "tenancy:     %s\nuser:        %s\nfingerprint: %s\nkey file:    %s\nOCI config:  %s\nauth config: %s (for --auth-config-dir)\n",
		d.Tenancy, d.User, d.Fingerprint, d.KeyFile, d.ConfigFile, d.AuthConfigDir)
	if d.CAFile != "" {
		fmt.Fprintf(&b, "CA file:     %s\n", d.CAFile)
	}
	fmt.Fprintf(&b, "regions:     %s\nadmin:       %s\nendpoints:\n", strings.Join(d.Regions, ", "), d.Admin)
	services := make([]string, 0, len(d.Endpoints))
	for svc := range d.Endpoints {
		services = append(services, svc)
	}
	sort.Strings(services)
	for _, svc := range services {
		for _, region := range d.Regions {
			fmt.Fprintf(&b, "  %-20s %-16s %s\n", svc, region, d.Endpoints[svc][region])
		}
	}
	fmt.Fprintf(&b, "instance principals: OCI_METADATA_BASE_URL=%s OCI_SDK_AUTH_CLIENT_REGION_URL=%s\n",
		d.InstanceEnv["OCI_METADATA_BASE_URL"], d.InstanceEnv["OCI_SDK_AUTH_CLIENT_REGION_URL"])
	if d.WorkloadIdent != "" {
		fmt.Fprintf(&b, "workload identity: %s (CA %s)\n", d.WorkloadIdent, d.WorkloadCA)
	}
	_, err := io.WriteString(out, b.String())
	if err != nil {
		return fmt.Errorf("printing: %w", err)
	}
	return nil
}
