package ocisim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// adminMux serves the admin endpoint: GET /stats, /log, /snapshot (with
// optional kind=<kind> and live=true filters), /endpoints and /compartments;
// POST /reset (counters and log; with state=true also every resource and
// retry token), /faults (a JSON map of operation to Fault; empty clears them),
// /advance?by=<duration> and /compartments?name=<name> (which answers with
// the new OCID).
func (s *Sim) adminMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, _ *http.Request) { writeAdmin(w, s.Stats()) })
	mux.HandleFunc("GET /log", func(w http.ResponseWriter, _ *http.Request) { writeAdmin(w, s.RequestLog()) })
	mux.HandleFunc("GET /snapshot", func(w http.ResponseWriter, r *http.Request) {
		kind, liveOnly := r.URL.Query().Get("kind"), r.URL.Query().Get("live") == "true"
		out := []Resource{}
		for _, res := range s.Snapshot() {
			if (kind == "" || res.Kind == kind) && (!liveOnly || res.Live) {
				out = append(out, res)
			}
		}
		writeAdmin(w, out)
	})
	mux.HandleFunc("GET /endpoints", func(w http.ResponseWriter, _ *http.Request) { writeAdmin(w, s.Endpoints()) })
	mux.HandleFunc("POST /reset", func(w http.ResponseWriter, r *http.Request) {
		s.ResetStats()
		if r.URL.Query().Get("state") == "true" {
			s.ResetState()
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /faults", func(w http.ResponseWriter, r *http.Request) {
		faults := map[string]Fault{}
		if err := json.NewDecoder(r.Body).Decode(&faults); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.ClearFaults()
		for op, f := range faults {
			s.SetFault(op, f)
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /compartments", func(w http.ResponseWriter, _ *http.Request) { writeAdmin(w, s.Compartments()) })
	mux.HandleFunc("POST /compartments", func(w http.ResponseWriter, r *http.Request) {
		writeAdmin(w, map[string]string{"id": s.AddCompartment(r.URL.Query().Get("name"))})
	})
	mux.HandleFunc("POST /advance", func(w http.ResponseWriter, r *http.Request) {
		d, err := time.ParseDuration(r.URL.Query().Get("by"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.Advance(d)
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

func writeAdmin(w http.ResponseWriter, v any) {
	writeJSONBody(w, http.StatusOK, v)
}

// writeJSONBody writes v as a JSON response with the given status. A value
// that does not encode is answered with a 500 carrying the encoding error; a
// failed write means the client has gone, which the handler cannot act on.
func writeJSONBody(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, fmt.Sprintf("encoding the response: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}
