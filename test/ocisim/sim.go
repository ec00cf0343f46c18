package ocisim

import (
	"context"
	"crypto/rsa"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Sim is a running emulator.
type Sim struct {
	opts          Options
	tenancy       string
	user          string
	tenancyPrefix string

	mu           sync.Mutex
	st           *store
	offset       time.Duration
	faults       map[string]Fault
	creds        *credentials
	obs          *observer
	compartments map[string]string
	publicIPs    int

	servers     []*http.Server
	endpoints   map[string]map[string]string
	muxes       map[string]*http.ServeMux
	adminURL    string
	metadataURL string
	authURL     string
	principals  principalCerts
	tlsCA       []byte
	tlsCert     *tls.Certificate
	wg          sync.WaitGroup
	done        chan struct{}
	closeOnce   sync.Once
}

// Start starts an emulator on kernel-chosen loopback ports. It stops when ctx
// is cancelled or Close is called.
func Start(ctx context.Context, opts Options) (*Sim, error) {
	opts.withDefaults()
	if ip := net.ParseIP(opts.LoadBalancerHost); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("load balancer host %q: %w", opts.LoadBalancerHost, ErrNotLoopback)
	}
	s := &Sim{
		opts:          opts,
		tenancy:       newOCID("tenancy", ""),
		user:          newOCID("user", ""),
		tenancyPrefix: "Uocm",
		st:            newStore(),
		faults:        map[string]Fault{},
		compartments:  map[string]string{},
		obs:           newObserver(opts.RequestLogSize),
		done:          make(chan struct{}),
		endpoints:     map[string]map[string]string{},
		muxes:         map[string]*http.ServeMux{},
	}
	for op, f := range opts.Faults {
		s.faults[op] = f
	}
	creds, err := newCredentials(s.tenancy, s.user)
	if err != nil {
		return nil, fmt.Errorf("generating the API signing key: %w", err)
	}
	s.creds = creds
	if err := s.listenAll(ctx); err != nil {
		s.Close()
		return nil, err
	}
	go func() {
		select {
		case <-ctx.Done():
			s.Close()
		case <-s.done:
		}
	}()
	return s, nil
}

// listenAll starts one server per service and region, and the admin server.
func (s *Sim) listenAll(ctx context.Context) error {
	tlsCfg, err := s.tlsConfig()
	if err != nil {
		return err
	}
	for _, region := range s.opts.Regions {
		for _, svc := range Services() {
			mux := http.NewServeMux()
			s.routes(svc, region, mux)
			s.muxes[svc+"/"+region] = mux
			url, err := s.serve(ctx, mux, tlsCfg != nil)
			if err != nil {
				return fmt.Errorf("starting %s in %s: %w", svc, region, err)
			}
			if s.endpoints[svc] == nil {
				s.endpoints[svc] = map[string]string{}
			}
			s.endpoints[svc][region] = url
		}
	}
	url, err := s.serve(ctx, s.adminMux(), false)
	if err != nil {
		return fmt.Errorf("starting the admin endpoint: %w", err)
	}
	s.adminURL = url
	if s.metadataURL, err = s.serve(ctx, s.metadataMux(), false); err != nil {
		return fmt.Errorf("starting the instance metadata endpoint: %w", err)
	}
	if s.authURL, err = s.serve(ctx, withRequestID(s.authMux()), false); err != nil {
		return fmt.Errorf("starting the federation endpoint: %w", err)
	}
	return nil
}

// serve starts an HTTP server for a handler on 127.0.0.1 and returns its URL.
func (s *Sim) serve(ctx context.Context, h http.Handler, useTLS bool) (string, error) {
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("listening on loopback: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	scheme := "http"
	if useTLS {
		cfg, err := s.tlsConfig()
		if err != nil {
			_ = ln.Close()
			return "", err
		}
		srv.TLSConfig = cfg
		scheme = "https"
	}
	s.servers = append(s.servers, srv)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if useTLS {
			_ = srv.ServeTLS(ln, "", "")
			return
		}
		_ = srv.Serve(ln)
	}()
	return fmt.Sprintf("%s://%s", scheme, ln.Addr().String()), nil
}

// Close stops every server of the emulator. It is safe to call more than once.
func (s *Sim) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.mu.Lock()
	servers := s.servers
	s.servers = nil
	s.mu.Unlock()
	for _, srv := range servers {
		_ = srv.Close()
	}
	s.wg.Wait()
}

// Tenancy returns the tenancy OCID, which is also the root compartment.
func (s *Sim) Tenancy() string { return s.tenancy }

// User returns the OCID of the user whose key ConfigurationProvider signs with.
func (s *Sim) User() string { return s.user }

// Regions returns the regions served, the home region first.
func (s *Sim) Regions() []string { return append([]string(nil), s.opts.Regions...) }

// Endpoint returns the base URL of a service in a region, or "" if it is not served.
func (s *Sim) Endpoint(service, region string) string {
	return s.endpoints[service][region]
}

// Endpoints returns every endpoint, by service and then region.
func (s *Sim) Endpoints() map[string]map[string]string {
	out := map[string]map[string]string{}
	for svc, m := range s.endpoints {
		out[svc] = map[string]string{}
		for r, u := range m {
			out[svc][r] = u
		}
	}
	return out
}

// EndpointFunc returns a function mapping a region to the service's endpoint,
// the shape a client factory wants.
func (s *Sim) EndpointFunc(service string) func(region string) (string, error) {
	return func(region string) (string, error) {
		u := s.Endpoint(service, region)
		if u == "" {
			return "", fmt.Errorf("%s in region %q: %w", service, region, ErrNotServed)
		}
		return u, nil
	}
}

// AdminURL returns the base URL of the admin endpoint.
func (s *Sim) AdminURL() string { return s.adminURL }

// Fingerprint returns the fingerprint of the generated API signing key.
func (s *Sim) Fingerprint() string { return s.creds.fingerprint }

// PrivateKeyPEM returns the generated API signing key in PEM form.
func (s *Sim) PrivateKeyPEM() string { return s.creds.privatePEM }

// RegisterKey registers a public key for a keyId of the form tenancy/user/fingerprint.
func (s *Sim) RegisterKey(keyID string, pub *rsa.PublicKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.creds.keys[keyID] = pub
}

// Advance moves the emulator's clock forward, applying every lifecycle
// transition that falls due.
func (s *Sim) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset += d
}

// now returns the emulator's current time.
func (s *Sim) now() time.Time {
	base := time.Now()
	if s.opts.Clock != nil {
		base = s.opts.Clock()
	}
	return base.Add(s.offset)
}

// delay returns the scaled transition time of the call's operation: Delays keyed "service/Operation" first, then
// "Operation", then the resource kind.
func (c *call) delay(kind string) time.Duration {
	d := c.sim.opts.Delays[kind]
	if v, ok := c.sim.opts.Delays[c.op]; ok {
		d = v
	}
	if v, ok := c.sim.opts.Delays[c.service+"/"+c.op]; ok {
		d = v
	}
	return time.Duration(float64(d) * c.sim.opts.TimeScale)
}

// SetFault installs or replaces the faults of an operation, keyed as in
// Options.Faults.
func (s *Sim) SetFault(op string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[op] = f
}

// SetDelay changes the delay of a kind or operation as in Options.Delays; a negative d removes it.
func (s *Sim) SetDelay(key string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opts.Delays == nil {
		s.opts.Delays = map[string]time.Duration{}
	}
	if d < 0 {
		delete(s.opts.Delays, key)
		return
	}
	s.opts.Delays[key] = d
}

// ClearFaults removes every injected fault.
func (s *Sim) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string]Fault{}
}

// SetKubeconfigServer changes the server URL written into OKE kubeconfigs.
func (s *Sim) SetKubeconfigServer(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.KubeconfigServer = url
}

// SetKubeconfigCAData changes the CA certificate (PEM) written into OKE kubeconfigs.
func (s *Sim) SetKubeconfigCAData(ca []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.KubeconfigCAData = ca
}

// ErrNotServed is returned when a service or region is not served.
var ErrNotServed = errors.New("ocisim: service or region not served")

// ErrNotLoopback is returned when an address that must be on loopback is not.
var ErrNotLoopback = errors.New("ocisim: not a loopback address")
