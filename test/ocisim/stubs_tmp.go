package ocisim

import "net/http"

func (s *Sim) lbRoutes(mux *http.ServeMux, region string)   {}
func (s *Sim) nlbRoutes(mux *http.ServeMux, region string)  {}
func (s *Sim) okeRoutes(mux *http.ServeMux, region string)  {}
func (s *Sim) poolRoutes(mux *http.ServeMux, region string) {}
