package thredds

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// MaxNesting is the deepest element nesting ParseCatalog accepts; deeper
// documents give an error wrapping [ErrTooDeep].
const MaxNesting = 256

// ParseCatalog parses a THREDDS client catalog (InvCatalog 1.0.x or 1.2).
// baseURL is the URL the document was read from (after redirects); access
// URLs and catalogRef hrefs are resolved against catalog@base when present,
// else against baseURL. baseURL may be "" (URLs then stay relative).
//
// The parser is lenient with real producers: any namespace prefix (Hyrax
// writes <thredds:catalog>), no namespace at all, elements in any order
// (RAMADDA writes services after datasets), service types in any case,
// ISO-8859-1 and windows-1252 documents, dates in several spellings.
// A document whose root is not a catalog gives an error wrapping
// [ErrNotCatalog].
func ParseCatalog(data []byte, baseURL string) (*Catalog, error) {
	cat := &Catalog{URL: baseURL}
	if baseURL != "" {
		u, err := url.Parse(strings.TrimSpace(baseURL))
		if err != nil {
			return nil, fmt.Errorf("thredds: base URL %q: %w", baseURL, err)
		}
		cat.setBase(u)
	}
	data, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	p := &parser{s: newScanner(data, MaxNesting), cat: cat}
	if err := p.document(); err != nil {
		return nil, err
	}
	return cat, nil
}

type nsBinding struct {
	prefix  string
	thredds bool // the InvCatalog namespace
	xlink   bool
}

type parser struct {
	s   *scanner
	cat *Catalog
	ns  []nsBinding
	// nsMarks[i] is len(ns) before the element at depth i+1 declared its bindings
	nsMarks []int
}

// start is the parsed view of the current start tag.
type start struct {
	local   []byte
	thredds bool // element in the InvCatalog namespace (or in none)
}

// next advances the scanner, maintaining the namespace scopes.
func (p *parser) next() error {
	if err := p.s.next(); err != nil {
		return err
	}
	switch p.s.kind {
	case tokStart:
		p.nsMarks = append(p.nsMarks, len(p.ns))
		for _, a := range p.s.attrs {
			var prefix string
			switch {
			case bytes.Equal(a.name, []byte("xmlns")):
			case bytes.HasPrefix(a.name, []byte("xmlns:")):
				prefix = string(a.name[6:])
			default:
				continue
			}
			uri := unescape(a.value)
			p.ns = append(p.ns, nsBinding{
				prefix:  prefix,
				thredds: isCatalogNamespace(uri),
				xlink:   uri == XLinkNamespace,
			})
		}
	case tokEnd:
		if n := len(p.nsMarks); n > 0 {
			p.ns = p.ns[:p.nsMarks[n-1]]
			p.nsMarks = p.nsMarks[:n-1]
		}
	}
	return nil
}

// lookup returns the binding of prefix, and whether there is one.
// isCatalogNamespace accepts the InvCatalog 1.0 namespace, its variants
// (an https or differently-cased spelling) and the older 0.6 namespace,
// whose elements have the same names.
func isCatalogNamespace(uri string) bool {
	if uri == CatalogNamespace {
		return true
	}
	l := strings.ToLower(strings.TrimSpace(uri))
	return strings.Contains(l, "thredds/invcatalog") || strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(l, "https://"), "http://"), "/") == "www.unidata.ucar.edu/thredds"
}

func (p *parser) lookup(prefix []byte) (nsBinding, bool) {
	for i := len(p.ns) - 1; i >= 0; i-- {
		if p.ns[i].prefix == string(prefix) {
			return p.ns[i], true
		}
	}
	return nsBinding{}, false
}

func (p *parser) current() start {
	prefix, local := splitName(p.s.name)
	b, ok := p.lookup(prefix)
	var th bool
	switch {
	case ok:
		th = b.thredds
	case len(prefix) == 0:
		th = true // no default namespace: accept plain THREDDS element names
	default:
		th = string(prefix) == "thredds" // an undeclared thredds: prefix
	}
	return start{local: local, thredds: th}
}

// attr returns the unprefixed attribute named name of the current start tag.
func (p *parser) attr(name string) string {
	for _, a := range p.s.attrs {
		if string(a.name) == name {
			return unescape(a.value)
		}
	}
	return ""
}

// attrFold is attr with the name compared ignoring case (ID/id).
func (p *parser) attrFold(name string) string {
	if v := p.attr(name); v != "" {
		return v
	}
	for _, a := range p.s.attrs {
		if bytes.EqualFold(a.name, []byte(name)) {
			return unescape(a.value)
		}
	}
	return ""
}

// xlink returns the xlink attribute local (href, title) of the current start tag.
func (p *parser) xlink(local string) string {
	for _, a := range p.s.attrs {
		prefix, l := splitName(a.name)
		if len(prefix) == 0 || string(l) != local {
			continue
		}
		if b, ok := p.lookup(prefix); ok && b.xlink || !ok && string(prefix) == "xlink" {
			return unescape(a.value)
		}
	}
	return ""
}

// children calls fn for every child element of the current element (fn
// must consume the child), and consumes the end tag.
func (p *parser) children(fn func(e start) error) error {
	depth := p.s.depth()
	if p.s.pendingEnd {
		return p.next()
	}
	for {
		if err := p.next(); err != nil {
			return err
		}
		switch p.s.kind {
		case tokEOF:
			return p.s.errorf("%v", errXMLEOF)
		case tokEnd:
			if p.s.depth() < depth {
				return nil
			}
		case tokStart:
			if err := fn(p.current()); err != nil {
				return err
			}
		}
	}
}

// skip consumes the current element.
func (p *parser) skip() error {
	depth := p.s.depth()
	for {
		if err := p.next(); err != nil {
			return err
		}
		if p.s.kind == tokEOF {
			return p.s.errorf("%v", errXMLEOF)
		}
		if p.s.kind == tokEnd && p.s.depth() < depth {
			return nil
		}
	}
}

// text returns the element's text content and consumes it.
func (p *parser) text() (string, error) {
	mark := len(p.nsMarks) - 1
	t, err := p.s.elementText()
	if err != nil {
		return "", err
	}
	// elementText bypasses next: restore the scopes to the parent's
	if mark >= 0 && mark < len(p.nsMarks) {
		p.ns = p.ns[:p.nsMarks[mark]]
		p.nsMarks = p.nsMarks[:mark]
	}
	return t, nil
}

func (p *parser) document() error {
	for {
		if err := p.next(); err != nil {
			return err
		}
		switch p.s.kind {
		case tokEOF:
			return fmt.Errorf("%w: no root element", ErrNotCatalog)
		case tokText:
			continue
		case tokStart:
			e := p.current()
			if string(e.local) != "catalog" {
				return fmt.Errorf("%w: the root element is <%s>", ErrNotCatalog, truncate(string(p.s.name), 64))
			}
			if err := p.catalog(); err != nil {
				return err
			}
			// anything after the root is ignored, but must be well formed
			for {
				if err := p.next(); err != nil {
					return err
				}
				if p.s.kind == tokEOF {
					return nil
				}
			}
		}
	}
}

func (p *parser) catalog() error {
	c := p.cat
	c.Name = p.attr("name")
	c.Version = p.attr("version")
	c.Base = p.attr("base")
	if exp := p.attr("expires"); exp != "" {
		c.Expires, _ = ParseTime(exp)
	}
	if c.Base != "" {
		if u, err := url.Parse(escapeLoose(strings.TrimSpace(c.Base))); err == nil {
			if c.base != nil {
				c.setBase(c.base.ResolveReference(u))
			} else {
				c.setBase(u)
			}
		}
	}
	return p.children(func(e start) error {
		if !e.thredds {
			return p.skip()
		}
		switch string(e.local) {
		case "service":
			s, err := p.service(0)
			if err != nil {
				return err
			}
			c.Services = append(c.Services, s)
			return nil
		case "property":
			c.Properties = append(c.Properties, Property{Name: p.attr("name"), Value: p.attr("value")})
			return p.skip()
		case "dataset", "datasetScan", "featureCollection":
			d, err := p.dataset(nil)
			if err != nil {
				return err
			}
			c.Datasets = append(c.Datasets, d)
			return nil
		case "catalogRef":
			r, err := p.catalogRef(nil)
			if err != nil {
				return err
			}
			c.Refs = append(c.Refs, r)
			return nil
		}
		return p.skip()
	})
}

func (p *parser) service(depth int) (*Service, error) {
	s := &Service{
		Name:   p.attr("name"),
		Type:   p.attrFold("serviceType"),
		Base:   p.attr("base"),
		Suffix: p.attr("suffix"),
		Desc:   p.attr("desc"),
	}
	err := p.children(func(e start) error {
		if !e.thredds {
			return p.skip()
		}
		switch string(e.local) {
		case "service":
			if depth >= maxServiceNesting {
				return p.skip()
			}
			n, err := p.service(depth + 1)
			if err != nil {
				return err
			}
			s.Services = append(s.Services, n)
			return nil
		case "property":
			s.Properties = append(s.Properties, Property{Name: p.attr("name"), Value: p.attr("value")})
		}
		return p.skip()
	})
	return s, err
}

func (p *parser) dataset(parent *Dataset) (*Dataset, error) {
	d := &Dataset{Parent: parent, Catalog: p.cat}
	var resourceControl, featureType string
	// one pass over the attributes: datasets dominate large catalogs
	for _, a := range p.s.attrs {
		switch string(a.name) {
		case "name":
			d.Name = unescape(a.value)
		case "ID", "id", "Id":
			if d.ID == "" {
				d.ID = unescape(a.value)
			}
		case "urlPath":
			d.URLPath = unescape(a.value)
		case "alias":
			d.Alias = unescape(a.value)
		case "collectionType":
			d.CollectionType = unescape(a.value)
		case "restrictAccess":
			d.RestrictAccess = unescape(a.value)
		case "resourceControl":
			resourceControl = unescape(a.value)
		case "harvest":
			d.Harvest = strings.EqualFold(unescape(a.value), "true")
		case "serviceName":
			d.Metadata.ServiceName = unescape(a.value)
		case "dataType":
			d.Metadata.DataType = unescape(a.value)
		case "featureType":
			featureType = unescape(a.value)
		case "authority":
			d.Metadata.Authority = unescape(a.value)
		}
	}
	if d.RestrictAccess == "" {
		d.RestrictAccess = resourceControl
	}
	if d.Metadata.DataType == "" {
		d.Metadata.DataType = featureType
	}
	err := p.children(func(e start) error {
		if !e.thredds {
			return p.skip()
		}
		switch string(e.local) {
		case "dataset", "datasetScan", "featureCollection":
			c, err := p.dataset(d)
			if err != nil {
				return err
			}
			d.Datasets = append(d.Datasets, c)
			return nil
		case "catalogRef":
			r, err := p.catalogRef(d)
			if err != nil {
				return err
			}
			d.Refs = append(d.Refs, r)
			return nil
		case "access":
			a, err := p.access()
			if err != nil {
				return err
			}
			d.AccessElements = append(d.AccessElements, a)
			return nil
		case "service":
			s, err := p.service(0)
			if err != nil {
				return err
			}
			d.Services = append(d.Services, s)
			return nil
		case "metadata":
			return p.metadata(&d.Metadata, &d.Inheritable)
		}
		ok, err := p.group(&d.Metadata, e)
		if err != nil || ok {
			return err
		}
		return p.skip()
	})
	return d, err
}

func (p *parser) catalogRef(parent *Dataset) (*CatalogRef, error) {
	r := &CatalogRef{
		Href:    p.xlink("href"),
		Title:   p.xlink("title"),
		Name:    p.attr("name"),
		ID:      p.attrFold("ID"),
		Parent:  parent,
		Catalog: p.cat,
	}
	if r.Href == "" {
		r.Href = p.attr("href")
	}
	if r.Title == "" {
		r.Title = p.attr("title")
	}
	if r.Title == "" {
		r.Title = r.Name
	}
	if r.Name == "" {
		r.Name = r.Title
	}
	r.URL = p.resolve(r.Href)
	r.Metadata.ServiceName = p.attr("serviceName")
	r.Metadata.DataType = p.attr("dataType")
	r.Metadata.Authority = p.attr("authority")
	err := p.children(func(e start) error {
		if !e.thredds {
			return p.skip()
		}
		switch string(e.local) {
		case "metadata":
			return p.metadata(&r.Metadata, &r.Inheritable)
		case "dataset", "catalogRef", "access", "service":
			return p.skip() // nested content of a reference is ignored
		}
		ok, err := p.group(&r.Metadata, e)
		if err != nil || ok {
			return err
		}
		return p.skip()
	})
	return r, err
}

func (p *parser) access() (AccessElement, error) {
	a := AccessElement{
		ServiceName: p.attr("serviceName"),
		URLPath:     p.attr("urlPath"),
		DataFormat:  p.attr("dataFormat"),
	}
	err := p.children(func(e start) error {
		if e.thredds {
			switch string(e.local) {
			case "dataSize":
				ds, err := p.dataSize()
				a.DataSize = ds
				return err
			case "dataFormat":
				t, err := p.text()
				a.DataFormat = t
				return err
			}
		}
		return p.skip()
	})
	return a, err
}

// metadata parses a <metadata> element into local or inheritable metadata.
func (p *parser) metadata(local, inheritable *Metadata) error {
	m := local
	if strings.EqualFold(strings.TrimSpace(p.attr("inherited")), "true") {
		m = inheritable
	}
	if href := p.xlink("href"); href != "" {
		m.Links = append(m.Links, MetadataLink{Type: p.attr("metadataType"), Href: p.resolve(href), Title: p.xlink("title")})
	}
	return p.children(func(e start) error {
		if !e.thredds {
			return p.skip() // foreign metadata (DIF, ISO, ...)
		}
		ok, err := p.group(m, e)
		if err != nil || ok {
			return err
		}
		return p.skip()
	})
}

// group parses a threddsMetadataGroup member into m. It reports false (and
// consumes nothing) when the element is not one.
func (p *parser) group(m *Metadata, e start) (bool, error) {
	var err error
	switch string(e.local) {
	case "serviceName":
		m.ServiceName, err = p.text()
	case "authority":
		m.Authority, err = p.text()
	case "dataType":
		m.DataType, err = p.text()
	case "featureType":
		m.FeatureType, err = p.text()
	case "dataFormat":
		m.DataFormat, err = p.text()
	case "dataSize":
		m.DataSize, err = p.dataSize()
	case "date":
		typ := p.attr("type")
		var t string
		t, err = p.text()
		m.Dates = append(m.Dates, Date{Type: typ, Text: t, Time: parseDateType(t).Time})
	case "documentation":
		doc := Documentation{Type: p.attr("type"), Href: p.resolve(p.xlink("href")), Title: p.xlink("title")}
		doc.Text, err = p.text()
		m.Documentation = append(m.Documentation, doc)
	case "keyword", "project":
		v := Vocab{Vocabulary: p.attr("vocabulary")}
		v.Value, err = p.text()
		if string(e.local) == "keyword" {
			m.Keywords = append(m.Keywords, v)
		} else {
			m.Projects = append(m.Projects, v)
		}
	case "creator", "publisher":
		var s Source
		s, err = p.source()
		if string(e.local) == "creator" {
			m.Creators = append(m.Creators, s)
		} else {
			m.Publishers = append(m.Publishers, s)
		}
	case "contributor":
		c := Contributor{Role: p.attr("role")}
		c.Name, err = p.text()
		m.Contributors = append(m.Contributors, c)
	case "property":
		m.Properties = append(m.Properties, Property{Name: p.attr("name"), Value: p.attr("value")})
		err = p.skip()
	case "timeCoverage":
		m.TimeCoverage, err = p.timeCoverage()
	case "geospatialCoverage":
		m.GeospatialCoverage, err = p.geospatialCoverage()
	case "variables":
		var v Variables
		v, err = p.variables()
		m.Variables = append(m.Variables, v)
	case "variableMap":
		m.VariableMap = &Link{Href: p.resolve(p.xlink("href")), Title: p.xlink("title")}
		err = p.skip()
	default:
		return false, nil
	}
	return true, err
}

func (p *parser) dataSize() (DataSize, error) {
	ds := DataSize{Units: p.attr("units")}
	t, err := p.text()
	if err != nil {
		return ds, err
	}
	if v, perr := strconv.ParseFloat(strings.TrimSpace(t), 64); perr == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		ds.Value = v
	}
	if ds.Units == "" && t != "" {
		ds.Units = "bytes"
	}
	return ds, nil
}

func (p *parser) source() (Source, error) {
	var s Source
	err := p.children(func(e start) error {
		if !e.thredds {
			return p.skip()
		}
		switch string(e.local) {
		case "name":
			s.Vocabulary = p.attr("vocabulary")
			t, err := p.text()
			s.Name = t
			return err
		case "contact":
			s.URL = p.attr("url")
			s.Email = p.attr("email")
		}
		return p.skip()
	})
	return s, err
}

func (p *parser) timeCoverage() (*TimeCoverage, error) {
	tc := &TimeCoverage{Calendar: p.attr("calendar")}
	err := p.children(func(e start) error {
		if !e.thredds {
			return p.skip()
		}
		var err error
		var t string
		switch string(e.local) {
		case "start":
			t, err = p.text()
			tc.Start = parseDateType(t)
		case "end":
			t, err = p.text()
			tc.End = parseDateType(t)
		case "duration":
			t, err = p.text()
			tc.Duration = ParseDuration(t)
		case "resolution":
			t, err = p.text()
			tc.Resolution = ParseDuration(t)
		default:
			err = p.skip()
		}
		return err
	})
	return tc, err
}

func (p *parser) geospatialCoverage() (*GeospatialCoverage, error) {
	g := &GeospatialCoverage{ZPositive: p.attr("zpositive")}
	err := p.children(func(e start) error {
		if !e.thredds {
			return p.skip()
		}
		var err error
		switch string(e.local) {
		case "northsouth":
			g.NorthSouth, err = p.rangeElem()
		case "eastwest":
			g.EastWest, err = p.rangeElem()
		case "updown":
			g.UpDown, err = p.rangeElem()
		case "name":
			g.Name, err = p.text()
		default:
			err = p.skip()
		}
		return err
	})
	return g, err
}

func (p *parser) rangeElem() (*Range, error) {
	r := &Range{Resolution: math.NaN()}
	err := p.children(func(e start) error {
		if !e.thredds {
			return p.skip()
		}
		name := string(e.local)
		t, err := p.text()
		if err != nil {
			return err
		}
		v, perr := strconv.ParseFloat(strings.TrimSpace(t), 64)
		switch name {
		case "start":
			if perr == nil {
				r.Start = v
			}
		case "size":
			if perr == nil {
				r.Size = v
			}
		case "resolution":
			if perr == nil {
				r.Resolution = v
			}
		case "units":
			r.Units = t
		}
		return nil
	})
	return r, err
}

func (p *parser) variables() (Variables, error) {
	v := Variables{Vocabulary: p.attr("vocabulary")}
	err := p.children(func(e start) error {
		if !e.thredds {
			return p.skip()
		}
		switch string(e.local) {
		case "variable":
			vr := Variable{Name: p.attr("name"), VocabularyName: p.attr("vocabulary_name"), Units: p.attr("units")}
			t, err := p.text()
			vr.Description = t
			v.Variables = append(v.Variables, vr)
			return err
		case "variableMap":
			v.Href = p.resolve(p.xlink("href"))
		}
		return p.skip()
	})
	return v, err
}

// resolve resolves an href against the catalog's base (catalog@base is an
// attribute of the root, so it is known before any reference is read).
func (p *parser) resolve(href string) string {
	if href == "" {
		return ""
	}
	return p.cat.resolve(href)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
