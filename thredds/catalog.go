package thredds

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Namespaces of the THREDDS client catalog.
const (
	// CatalogNamespace is the XML namespace of InvCatalog 1.0.x and 1.2
	// catalogs (the "1.2" of a TDS 5 catalog is only its version attribute).
	CatalogNamespace = "http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0"
	// XLinkNamespace is the namespace of the xlink:href and xlink:title attributes.
	XLinkNamespace = "http://www.w3.org/1999/xlink"
)

// Catalog is a parsed THREDDS client catalog: its services and a tree of
// datasets and catalog references.
//
// A Catalog is not modified by this package after parsing; it is safe for
// concurrent reads.
type Catalog struct {
	Name    string
	Version string    // the version attribute ("1.0.1" from TDS 4, "1.2" from TDS 5), "" when absent
	Expires time.Time // when the catalog should be read again; zero when not given
	// Base is the catalog@base attribute as written ("" when absent).
	Base string
	// URL is the document URL: the URL given to [ParseCatalog], or the final
	// URL after redirects when the catalog was read by [Client.Catalog].
	URL string

	Services   []*Service
	Properties []Property
	Datasets   []*Dataset    // top-level datasets
	Refs       []*CatalogRef // top-level catalog references

	base   *url.URL // resolution base: catalog@base resolved against URL, or URL
	fast   fastBase // precomputed prefixes of base for the common references
	client *Client  // the client that read the catalog, for Follow and Latest
}

// Service is a THREDDS service: how a dataset's urlPath becomes a URL.
type Service struct {
	Name string
	// Type is the serviceType as written ("OPENDAP", "OpenDAP", "DODS",
	// "compound", ...). [CanonicalServiceType] gives its canonical spelling.
	Type       string
	Base       string // may be "" (Resolver, Compound) or relative
	Suffix     string
	Desc       string
	Properties []Property
	Services   []*Service // nested services of a Compound service
}

// Compound reports whether the service is a Compound service, whose nested
// services each give a dataset an access.
func (s *Service) Compound() bool { return strings.EqualFold(s.Type, ServiceCompound) }

// Dataset is a dataset element of a catalog: a data file or aggregation, a
// container of other datasets, or both.
//
// Metadata holds what the dataset declares for itself (its attributes, its
// metadata elements and its <metadata> blocks without inherited="true");
// Inheritable holds its <metadata inherited="true"> blocks, which apply to
// the dataset and all its descendants. [Dataset.Effective] merges both with
// what the ancestors pass down, following netcdf-java's rules.
type Dataset struct {
	Name           string
	ID             string
	URLPath        string
	Alias          string // ID of another dataset this one stands for
	CollectionType string
	Harvest        bool
	RestrictAccess string // as written on this element; see Effective for the inherited value

	Metadata    Metadata
	Inheritable Metadata

	Services       []*Service      // services declared inside the dataset (allowed, rare)
	AccessElements []AccessElement // <access> children
	Datasets       []*Dataset      // nested datasets
	Refs           []*CatalogRef   // nested catalog references

	Parent  *Dataset // nil for a top-level dataset
	Catalog *Catalog
}

// AccessElement is an <access> child of a dataset.
type AccessElement struct {
	ServiceName string // "" means the dataset's default service
	URLPath     string
	DataFormat  string
	DataSize    DataSize
}

// CatalogRef is a reference to another catalog (a catalogRef element).
// Following it gives a fresh catalog: nothing is inherited across it.
type CatalogRef struct {
	Title string // xlink:title, or the name attribute when there is no title
	Name  string // the name attribute (TDS 4 writes ""), or the title
	ID    string
	Href  string // xlink:href as written
	// URL is Href resolved against the catalog's base (absolute when the
	// catalog's URL is).
	URL string

	// Metadata the reference carries, for display only: it is not copied
	// into the referenced catalog.
	Metadata    Metadata
	Inheritable Metadata

	Parent  *Dataset // nil for a top-level reference
	Catalog *Catalog
}

// DatasetScan reports whether the reference stands for a TDS datasetScan
// (it carries the property DatasetScan=true).
func (r *CatalogRef) DatasetScan() bool {
	for _, p := range r.Metadata.Properties {
		if p.Name == "DatasetScan" && strings.EqualFold(p.Value, "true") {
			return true
		}
	}
	return false
}

// Follow reads the referenced catalog with the client that read r's catalog.
// For a catalog from [ParseCatalog] it uses a client with the default
// options over net/http's default client; use [Client.Follow] to choose.
// Only http and https references are followed.
func (r *CatalogRef) Follow(ctx context.Context) (*Catalog, error) {
	var c *Client
	if r.Catalog != nil {
		c = r.Catalog.client
	}
	if c == nil {
		c = NewClient(WithHTTPClient(http.DefaultClient))
	}
	return c.Catalog(ctx, r.URL)
}

// Access is one way to reach a dataset: a leaf service and the URL built
// from it.
type Access struct {
	ServiceName string
	// ServiceType is the canonical service type (see [CanonicalServiceType]):
	// "OPENDAP", "DAP4", "HTTPServer", "NetcdfSubset", "WMS", "Resolver", ...
	ServiceType string
	URL         string
	DataFormat  string   // from the access element or the dataset's (inherited) dataFormat
	DataSize    DataSize // from the access element or the dataset's (inherited) dataSize
}

// All returns every dataset of the catalog, depth-first in document order,
// containers included.
func (c *Catalog) All() []*Dataset {
	var out []*Dataset
	var walk func(ds []*Dataset)
	walk = func(ds []*Dataset) {
		for _, d := range ds {
			out = append(out, d)
			walk(d.Datasets)
		}
	}
	walk(c.Datasets)
	return out
}

// AllRefs returns every catalog reference of the catalog: the top-level
// references, then those of each dataset in the order of [Catalog.All].
func (c *Catalog) AllRefs() []*CatalogRef {
	out := append([]*CatalogRef(nil), c.Refs...)
	for _, d := range c.All() {
		out = append(out, d.Refs...)
	}
	return out
}

// FindID returns the first dataset (depth-first) whose ID is id, or nil.
func (c *Catalog) FindID(id string) *Dataset {
	for _, d := range c.All() {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// FindName returns the first dataset (depth-first) named name, or nil.
func (c *Catalog) FindName(name string) *Dataset {
	for _, d := range c.All() {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// Ref returns the first catalog reference (at any depth) whose title is
// title, or nil.
func (c *Catalog) Ref(title string) *CatalogRef {
	for _, r := range c.AllRefs() {
		if r.Title == title {
			return r
		}
	}
	return nil
}

// FindService returns the service named name as netcdf-java's
// Catalog.findService does: the top-level services first, then the services
// nested in compound services, depth-first; the first match wins (real
// catalogs repeat names, e.g. "opendap" in two compound services). An exact
// match is preferred; failing that, the name is compared ignoring case.
func (c *Catalog) FindService(name string) *Service {
	if s := findService(c.Services, name, false); s != nil {
		return s
	}
	return findService(c.Services, name, true)
}

func findService(services []*Service, name string, fold bool) *Service {
	eq := func(s *Service) bool {
		if fold {
			return strings.EqualFold(s.Name, name)
		}
		return s.Name == name
	}
	for _, s := range services {
		if eq(s) {
			return s
		}
	}
	for _, s := range services {
		if r := findNested(s.Services, eq, 0); r != nil {
			return r
		}
	}
	return nil
}

func findNested(services []*Service, eq func(*Service) bool, depth int) *Service {
	if depth > maxServiceNesting {
		return nil
	}
	for _, s := range services {
		if eq(s) {
			return s
		}
		if r := findNested(s.Services, eq, depth+1); r != nil {
			return r
		}
	}
	return nil
}

const maxServiceNesting = 32

// findService looks a service up for d: the services declared in d and its
// ancestors (nearest first), then the catalog's.
func (d *Dataset) findService(name string) *Service {
	for p := d; p != nil; p = p.Parent {
		if len(p.Services) > 0 {
			if s := findService(p.Services, name, false); s != nil {
				return s
			}
		}
	}
	if d.Catalog != nil {
		return d.Catalog.FindService(name)
	}
	return nil
}

// Access returns every access of the dataset, resolved as netcdf-java does
// (thredds.md section 1.3):
//
//   - when the dataset has a urlPath and a default service (its own
//     serviceName, or one inherited through <metadata inherited="true">),
//     one access per leaf of that service (a Compound service expands
//     recursively);
//   - then one access per <access> element, with its serviceName or the
//     default service.
//
// Each URL is service.base + urlPath + service.suffix, concatenated first and
// then resolved against catalog@base or the catalog's (post-redirect) URL.
// A urlPath that is already an absolute http(s) URL is used as it is.
// Services that cannot be found give no access.
func (d *Dataset) Access() []Access {
	var out []Access
	eff := d.effectiveSingles()
	if d.URLPath != "" && eff.ServiceName != "" {
		if s := d.findService(eff.ServiceName); s != nil {
			out = d.expand(out, s, d.URLPath, eff.DataFormat, eff.DataSize, 0)
		}
	}
	for _, a := range d.AccessElements {
		name := a.ServiceName
		if name == "" {
			name = eff.ServiceName
		}
		if name == "" {
			continue
		}
		s := d.findService(name)
		if s == nil {
			continue
		}
		format, size := a.DataFormat, a.DataSize
		if format == "" {
			format = eff.DataFormat
		}
		if size.Units == "" && size.Value == 0 {
			size = eff.DataSize
		}
		out = d.expand(out, s, a.URLPath, format, size, 0)
	}
	return out
}

func (d *Dataset) expand(out []Access, s *Service, urlPath, format string, size DataSize, depth int) []Access {
	if s.Compound() || (len(s.Services) > 0 && s.Type == "") {
		if depth > maxServiceNesting {
			return out
		}
		for _, n := range s.Services {
			out = d.expand(out, n, urlPath, format, size, depth+1)
		}
		return out
	}
	return append(out, Access{
		ServiceName: s.Name,
		ServiceType: CanonicalServiceType(s.Type),
		URL:         d.Catalog.buildURL(s.Base, urlPath, s.Suffix),
		DataFormat:  format,
		DataSize:    size,
	})
}

// AccessURL returns the URL of the dataset's first access whose service type
// matches service (compared as canonical types, ignoring case: "opendap",
// "DODS" and "OPeNDAP" are the same; so are "NetcdfSubset" and NCEI's
// "NetcdfServer"). When no type matches, service is compared with the
// service names, ignoring case, so "ncssPoint" picks the point NCSS service
// of a TDS 5 catalog that has two NetcdfSubset services.
func (d *Dataset) AccessURL(service string) (string, bool) {
	acc := d.Access()
	want := CanonicalServiceType(service)
	for _, a := range acc {
		if strings.EqualFold(a.ServiceType, want) {
			return a.URL, true
		}
	}
	for _, a := range acc {
		if strings.EqualFold(a.ServiceName, service) {
			return a.URL, true
		}
	}
	return "", false
}

// NCSSEndpoint returns the dataset's NetCDF Subset Service endpoint (the
// access URL without a "/dataset.html" or "/dataset.xml" suffix). kind
// selects between the grid and point services of TDS 5 ("grid" or "point",
// matched against the service URL and name); "" picks the point service for
// point, station and trajectory datasets and the grid service otherwise.
func (d *Dataset) NCSSEndpoint(kind string) (string, bool) {
	var cands []Access
	for _, a := range d.Access() {
		if a.ServiceType == ServiceNCSS {
			cands = append(cands, a)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	if kind == "" {
		switch strings.ToLower(d.Effective().DataType) {
		case "point", "station", "trajectory", "profile", "section", "station_profile", "stationprofile", "trajectory_profile", "trajectoryprofile":
			kind = "point"
		default:
			kind = "grid"
		}
	}
	kind = strings.ToLower(kind)
	for _, a := range cands {
		if strings.Contains(strings.ToLower(a.URL), "/ncss/"+kind+"/") || strings.Contains(strings.ToLower(a.ServiceName), kind) {
			return ncssEndpoint(a.URL), true
		}
	}
	return ncssEndpoint(cands[0].URL), true
}

// Property returns the value of the dataset's effective property name
// (local values override inherited ones).
func (d *Dataset) Property(name string) (string, bool) {
	for _, p := range d.Effective().Properties {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// Path returns the names of the dataset's ancestors and its own, from the
// top of the catalog down.
func (d *Dataset) Path() []string {
	n := 0
	for p := d; p != nil; p = p.Parent {
		n++
	}
	out := make([]string, n)
	for p := d; p != nil; p = p.Parent {
		n--
		out[n] = p.Name
	}
	return out
}

// String returns the dataset's name and ID.
func (d *Dataset) String() string {
	if d.ID != "" {
		return fmt.Sprintf("%s (%s)", d.Name, d.ID)
	}
	return d.Name
}

// Canonical service types (the spellings of netcdf-java's ServiceType).
const (
	ServiceOPENDAP     = "OPENDAP"
	ServiceDAP4        = "DAP4"
	ServiceHTTP        = "HTTPServer"
	ServiceNCSS        = "NetcdfSubset"
	ServiceWMS         = "WMS"
	ServiceWCS         = "WCS"
	ServiceWFS         = "WFS"
	ServiceISO         = "ISO"
	ServiceNCML        = "NCML"
	ServiceUDDC        = "UDDC"
	ServiceCdmRemote   = "CdmRemote"
	ServiceCdmrFeature = "CdmrFeature"
	ServiceResolver    = "Resolver"
	ServiceCompound    = "Compound"
	ServiceCatalog     = "Catalog"
	ServiceFTP         = "FTP"
	ServiceFile        = "File"
)

var serviceTypes = map[string]string{
	"opendap":         ServiceOPENDAP,
	"dods":            ServiceOPENDAP,
	"dap4":            ServiceDAP4,
	"httpserver":      ServiceHTTP,
	"http":            ServiceHTTP,
	"netcdfsubset":    ServiceNCSS,
	"netcdfserver":    ServiceNCSS,
	"wms":             ServiceWMS,
	"wcs":             ServiceWCS,
	"wfs":             ServiceWFS,
	"iso":             ServiceISO,
	"ncml":            ServiceNCML,
	"uddc":            ServiceUDDC,
	"cdmremote":       ServiceCdmRemote,
	"cdmrfeature":     ServiceCdmrFeature,
	"resolver":        ServiceResolver,
	"latest":          ServiceResolver,
	"compound":        ServiceCompound,
	"catalog":         ServiceCatalog,
	"ftp":             ServiceFTP,
	"file":            ServiceFile,
	"gridftp":         "GridFTP",
	"adde":            "ADDE",
	"las":             "LAS",
	"webform":         "WebForm",
	"jupyternotebook": "JupyterNotebook",
	"netcdf":          "NetCDF",
	"wsdl":            "WSDL",
	// names users write for the types
	"ncss":       ServiceNCSS,
	"dap2":       ServiceOPENDAP,
	"fileserver": ServiceHTTP,
}

// canonicalTypes holds the canonical spellings, returned as they are.
var canonicalTypes = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range serviceTypes {
		m[v] = true
	}
	return m
}()

// CanonicalServiceType returns the canonical spelling of a serviceType,
// matched ignoring case: "OpenDAP", "OPeNDAP", "opendap" and "DODS" give
// "OPENDAP"; "NetcdfServer" (NCEI) gives "NetcdfSubset"; "http" (RAMADDA)
// gives "HTTPServer"; "compound" gives "Compound"; the informal "ncss",
// "dap2" and "fileServer" give NetcdfSubset, OPENDAP and HTTPServer.
// Unknown types are returned as written.
func CanonicalServiceType(t string) string {
	if canonicalTypes[t] {
		return t
	}
	if c, ok := serviceTypes[strings.ToLower(strings.TrimSpace(t))]; ok {
		return c
	}
	return t
}
