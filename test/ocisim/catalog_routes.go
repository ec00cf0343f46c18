package ocisim

import (
	"net/http"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// catalogRoutes serves the seeded shapes and images: ListShapes, ListImages (by display name too) and GetImage.
func (s *Sim) catalogRoutes(mux *http.ServeMux, region string) {
	s.handle(mux, ServiceCore, region, "GET /20160918/shapes", "ListShapes", listShapes)
	s.handle(mux, ServiceCore, region, "GET /20160918/images", "ListImages", listImages)
	s.handle(mux, ServiceCore, region, "GET /20160918/images/{imageId}", "GetImage", getImage)
}

func listShapes(c *call) error {
	if err := c.checkCompartment(c.query("compartmentId")); err != nil {
		return err
	}
	items := []any{}
	for _, sh := range c.sim.Shapes() {
		items = append(items, core.Shape{Shape: ptr(sh.Name), Ocpus: ptr(sh.OCPUs), MemoryInGBs: ptr(sh.MemoryGB),
			IsFlexible: ptr(sh.Flex)})
	}
	return c.writePage(items, false)
}

func listImages(c *call) error {
	if err := c.checkCompartment(c.query("compartmentId")); err != nil {
		return err
	}
	name := c.query("displayName")
	items := []any{}
	for _, im := range c.sim.Images(c.region) {
		if name == "" || im.DisplayName == name {
			items = append(items, catalogImage(im))
		}
	}
	return c.writePage(items, false)
}

func getImage(c *call) error {
	id := c.r.PathValue("imageId")
	for _, im := range c.sim.Images(c.region) {
		if im.ID == id {
			c.writeJSON(http.StatusOK, catalogImage(im), nil)
			return nil
		}
	}
	return errNotFound("image", id)
}

// catalogImage renders a platform image of the catalog.
func catalogImage(im Image) core.Image {
	os := "Oracle Linux"
	if strings.HasPrefix(im.DisplayName, "Canonical-Ubuntu") {
		os = "Canonical Ubuntu"
	}
	return core.Image{Id: ptr(im.ID), DisplayName: ptr(im.DisplayName), LifecycleState: core.ImageLifecycleStateAvailable,
		CreateImageAllowed: common.Bool(true), OperatingSystem: ptr(os)}
}
