package localdemo

import (
	"context"
	"net/http"
	"time"

	"github.com/spf13/pflag"

	"github.com/oracle/cluster-api-provider-oci/internal/manager"
)

func newFlagSet(o *manager.Options) *pflag.FlagSet {
	fs := pflag.NewFlagSet("capoci-local", pflag.ContinueOnError)
	o.AddFlags(fs)
	return fs
}

// waitReady calls ready once the manager answers on /readyz, or returns when ctx ends.
func waitReady(ctx context.Context, info Info, ready func(Info)) {
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+info.HealthAddr+"/readyz", nil)
		if err != nil {
			return
		}
		resp, err := client.Do(req)
		if err != nil {
			continue
		}
		_ = resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			ready(info)
			return
		}
	}
}
