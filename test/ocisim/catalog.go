package ocisim

import (
	"fmt"
	"strings"
)

// regionKeys holds the three-letter keys of the regions the emulator knows by
// name; other regions get a key derived from their name.
var regionKeys = map[string]string{
	"us-ashburn-1":   "iad",
	"us-phoenix-1":   "phx",
	"us-sanjose-1":   "sjc",
	"us-chicago-1":   "ord",
	"ca-toronto-1":   "yyz",
	"uk-london-1":    "lhr",
	"eu-frankfurt-1": "fra",
	"eu-amsterdam-1": "ams",
	"ap-tokyo-1":     "nrt",
	"ap-sydney-1":    "syd",
	"ap-mumbai-1":    "bom",
	"sa-saopaulo-1":  "gru",
}

// RegionKey returns the lower-case three-letter key of a region, as used in
// OCIDs and in the Oracle Services Network CIDR label.
func RegionKey(region string) string {
	if k, ok := regionKeys[region]; ok {
		return k
	}
	parts := strings.Split(region, "-")
	if len(parts) > 1 && len(parts[1]) >= 3 {
		return parts[1][:3]
	}
	return strings.ToLower(region)
}

// Shape is a compute shape in the seeded catalog.
type Shape struct {
	Name     string
	OCPUs    float32
	MemoryGB float32
	Flex     bool
}

// Image is an image in the seeded catalog.
type Image struct {
	ID          string
	DisplayName string
}

// defaultShapes is the seeded catalog of shapes.
func defaultShapes() []Shape {
	return []Shape{
		{Name: "VM.Standard.E4.Flex", OCPUs: 1, MemoryGB: 16, Flex: true},
		{Name: "VM.Standard.E5.Flex", OCPUs: 1, MemoryGB: 16, Flex: true},
		{Name: "VM.Standard.A1.Flex", OCPUs: 1, MemoryGB: 6, Flex: true},
		{Name: "VM.Standard2.1", OCPUs: 1, MemoryGB: 15},
		{Name: "VM.Standard2.2", OCPUs: 2, MemoryGB: 30},
		{Name: "BM.Standard.E4.128", OCPUs: 128, MemoryGB: 2048},
	}
}

// defaultImages is the seeded catalog of images for a region.
func defaultImages(region string) []Image {
	key := RegionKey(region)
	return []Image{
		{ID: fmt.Sprintf("ocid1.image.oc1.%s.oraclelinux8", key), DisplayName: "Oracle-Linux-8.10-2026.01.01-0"},
		{ID: fmt.Sprintf("ocid1.image.oc1.%s.ubuntu2204", key), DisplayName: "Canonical-Ubuntu-22.04-2026.01.01-0"},
	}
}

// adName returns the name of availability domain n (1-based) of a region.
func adName(tenancyPrefix, region string, n int) string {
	return fmt.Sprintf("%s:%s-AD-%d", tenancyPrefix, strings.ToUpper(strings.TrimSuffix(region, "-1")), n)
}

// fdName returns the name of fault domain n (1-based).
func fdName(n int) string {
	return fmt.Sprintf("FAULT-DOMAIN-%d", n)
}

// osnName returns the name of the region's Oracle Services Network service.
func osnName(region string) string {
	return fmt.Sprintf("All %s Services In Oracle Services Network", strings.ToUpper(RegionKey(region)))
}

// osnCidr returns the CIDR label of the region's Oracle Services Network service.
func osnCidr(region string) string {
	return fmt.Sprintf("all-%s-services-in-oracle-services-network", RegionKey(region))
}

// objectStorageName returns the name of the region's Object Storage service.
func objectStorageName(region string) string {
	return fmt.Sprintf("OCI %s Object Storage", strings.ToUpper(RegionKey(region)))
}

// objectStorageCidr returns the CIDR label of the region's Object Storage service.
func objectStorageCidr(region string) string {
	return fmt.Sprintf("oci-%s-objectstorage", RegionKey(region))
}

// shape returns a shape of the catalog, or nil.
func (s *Sim) shape(name string) *Shape {
	for _, sh := range defaultShapes() {
		if sh.Name == name {
			return &sh
		}
	}
	return nil
}

// imageExists reports whether an image is in the region's catalog.
func (s *Sim) imageExists(region, id string) bool {
	for _, img := range defaultImages(region) {
		if img.ID == id {
			return true
		}
	}
	return false
}

// Images returns the seeded images of a region.
func (s *Sim) Images(region string) []Image { return defaultImages(region) }

// Shapes returns the seeded shapes.
func (s *Sim) Shapes() []Shape { return defaultShapes() }
