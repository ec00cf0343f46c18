package ocisim

import (
	"encoding/json"
	"net/http"
	"time"
)

// adminMux serves the admin endpoint: GET /stats, /log, /snapshot,
// /endpoints and /compartments; POST /reset, /faults (a JSON map of operation
// to Fault; empty clears them), /advance?by=<duration> and
// /compartments?name=<name> (which answers with the new OCID).
func (s *Sim) adminMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, _ *http.Request) { writeAdmin(w, s.Stats()) })
	mux.HandleFunc("GET /log", func(w http.ResponseWriter, _ *http.Request) { writeAdmin(w, s.RequestLog()) })
	mux.HandleFunc("GET /snapshot", func(w http.ResponseWriter, _ *http.Request) { writeAdmin(w, s.Snapshot()) })
	mux.HandleFunc("GET /endpoints", func(w http.ResponseWriter, _ *http.Request) { writeAdmin(w, s.Endpoints()) })
	mux.HandleFunc("POST /reset", func(w http.ResponseWriter, _ *http.Request) {
		s.ResetStats()
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
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
