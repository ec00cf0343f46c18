package ocisim

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// call is one request being served.
type call struct {
	sim     *Sim
	w       http.ResponseWriter
	r       *http.Request
	service string
	region  string
	op      string
	body    []byte
	reqID   string
	now     time.Time
	status  int
	// principal is the tenancy the request was signed for.
	principal string
	// createdID is the resource a create produced, for retry tokens.
	createdID string
	// out is the response to send; sent is the last successful one, kept
	// for retry-token replay.
	out, sent *sentResponse
	// errCode and errMessage are those of an error answer, for the request log.
	errCode, errMessage string
	// compartment is the compartment of the resource the call touched first (or created, or listed), for the
	// request log.
	compartment string
	// q caches the parsed query.
	q url.Values
	// lf caches the list filters.
	lf *listFilter
}

// sentResponse is a prepared response, also kept for retry-token replay.
type sentResponse struct {
	status      int
	body        []byte
	headers     map[string]string
	contentType string
}

type handlerFunc func(c *call) error

// handle registers an operation on a mux.
func (s *Sim) handle(mux *http.ServeMux, svc, region, pattern, op string, h handlerFunc) {
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		s.dispatch(w, r, svc, region, op, h)
	})
}

// dispatch runs the common request pipeline: request id, body, signature,
// faults, the operation itself, and accounting.
func (s *Sim) dispatch(w http.ResponseWriter, r *http.Request, svc, region, op string, h handlerFunc) {
	c := &call{sim: s, w: w, r: r, service: svc, region: region, op: op, reqID: newRequestID(r)}
	w.Header().Set("opc-request-id", c.reqID)
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		c.fail(errInvalid("reading the request body: %v", err))
		c.flush()
		s.account(c, 0)
		return
	}
	c.body = body
	s.mu.Lock()
	fault := s.faultFor(svc, op)
	s.mu.Unlock()
	if fault.Latency > 0 {
		time.Sleep(fault.Latency)
	}
	start := time.Now()
	if err := s.authenticate(c); err != nil {
		c.fail(err)
		s.account(c, time.Since(start))
		c.flush()
		return
	}
	if status, ok := fault.injected(); ok {
		if status == http.StatusTooManyRequests {
			w.Header().Set("retry-after", "1")
		}
		c.fail(faultError(status))
		s.account(c, time.Since(start))
		c.flush()
		return
	}
	s.mu.Lock()
	c.now = s.now()
	err = h(c)
	s.mu.Unlock()
	if err != nil {
		c.fail(err)
	}
	s.account(c, time.Since(start))
	c.flush()
}

// injected draws whether a request fails, and with which status.
func (f Fault) injected() (int, bool) {
	if f.ErrorRate > 0 && chance(f.ErrorRate) {
		return f.Status, true
	}
	if f.ThrottleRate > 0 && chance(f.ThrottleRate) {
		return http.StatusTooManyRequests, true
	}
	return 0, false
}

// faultFor returns the fault configured for an operation of a service:
// "service/Operation" first, then "Operation", then "*".
func (s *Sim) faultFor(svc, op string) Fault {
	if f, ok := s.faults[svc+"/"+op]; ok {
		return f
	}
	if f, ok := s.faults[op]; ok {
		return f
	}
	return s.faults["*"]
}

// chance returns true with probability p.
func chance(p float64) bool {
	if p >= 1 {
		return true
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return false
	}
	return float64(n.Int64()) < p*1_000_000
}

func newRequestID(r *http.Request) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	id := strings.ToUpper(hex.EncodeToString(b))
	if client := r.Header.Get("opc-request-id"); client != "" {
		return client + "/" + id
	}
	return id
}

// fail writes an error response.
func (c *call) fail(err error) {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		apiErr = &APIError{Status: http.StatusInternalServerError, Code: "InternalServerError", Message: err.Error()}
	}
	c.errCode, c.errMessage = apiErr.Code, apiErr.Message
	c.writeJSON(apiErr.Status, apiErr, nil)
}

// writeJSON prepares a JSON response with extra headers (nil v: no body).
func (c *call) writeJSON(status int, v any, headers map[string]string) {
	if v == nil {
		c.reply(status, "", nil, headers)
		return
	}
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data = []byte(fmt.Sprintf(`{"code":"InternalServerError","message":%q}`, err.Error()))
	}
	c.reply(status, "application/json", data, headers)
}

// reply prepares a response; dispatch sends it once the state lock is
// released, so a slow client never holds the emulator up.
func (c *call) reply(status int, contentType string, data []byte, headers map[string]string) {
	c.status = status
	c.out = &sentResponse{status: status, body: data, headers: headers, contentType: contentType}
	if status < 300 {
		c.sent = c.out
	}
}

// flush sends the prepared response.
func (c *call) flush() {
	if c.out == nil {
		return
	}
	for k, v := range c.out.headers {
		c.w.Header().Set(k, v)
	}
	if c.out.contentType != "" {
		c.w.Header().Set("Content-Type", c.out.contentType)
	}
	c.w.WriteHeader(c.out.status)
	if c.out.body != nil {
		_, _ = c.w.Write(c.out.body)
	}
}

// decode parses the request body into v and checks its mandatory fields.
func (c *call) decode(v any) error {
	if len(c.body) == 0 {
		return errInvalid("The request body is missing.")
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return errInvalid("The request body is not valid: %v", err)
	}
	return checkMandatory(v)
}

// query returns a query parameter.
func (c *call) query(name string) string { return c.values().Get(name) }

// values returns the parsed query, parsing it once.
func (c *call) values() url.Values {
	if c.q == nil {
		c.q = c.r.URL.Query()
	}
	return c.q
}

// notFound is the handler for paths no operation serves.
func (s *Sim) notFound(svc, region string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.dispatch(w, r, svc, region, "Unknown", func(c *call) error {
			return &APIError{Status: http.StatusNotFound, Code: "NotAuthorizedOrNotFound",
				Message: fmt.Sprintf("No operation for %s %s.", r.Method, r.URL.Path)}
		})
	}
}

// withRequestID gives every response of h an opc-request-id.
func withRequestID(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("opc-request-id", newRequestID(r))
		h.ServeHTTP(w, r)
	})
}
