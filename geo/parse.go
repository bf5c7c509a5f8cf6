package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// maxNesting bounds the nesting of GeoJSON Feature/GeometryCollection and WKT
// GEOMETRYCOLLECTION members.
const maxNesting = 32

// ParseRegion reads a region from GeoJSON (RFC 7946) or WKT, told apart by the first
// non-blank character ('{' for GeoJSON).
//
// GeoJSON may be a Polygon, a MultiPolygon, a GeometryCollection of those, a Feature
// whose geometry is one of those, or a FeatureCollection of such Features; the region is
// the union of all the polygons. WKT may be a POLYGON, a MULTIPOLYGON or a
// GEOMETRYCOLLECTION of those, in any case, with Z, M or ZM coordinates (the extra ones
// are ignored) and an optional EWKT "SRID=4326;" prefix. Polygons become regions as by
// [Polygon] and [MultiPolygon]: the boundary is included, holes are excluded.
//
// The input must follow its format: every ring closed (first position equal to the
// last) with at least 4 positions and 3 distinct ones, latitudes within [-90, 90],
// longitudes within [-360, 360] (0..360 works), no polygon wider than 360°. Anything
// else — malformed syntax, wrong types, empty geometries, trailing text — gives a
// *[ParseError] wrapping [ErrInvalidGeometry] (and the JSON error, if any), and points,
// lines or a foreign SRID give one wrapping [ErrUnsupported]. ParseRegion never panics.
func ParseRegion(data []byte) (Region, error) {
	polys, err := parsePolygons(data)
	if err != nil {
		return nil, err
	}
	if len(polys) == 1 {
		return Polygon(polys[0]), nil
	}
	return MultiPolygon(polys), nil
}

// parsePolygons returns the validated polygons of a GeoJSON or WKT document.
func parsePolygons(data []byte) ([]orb.Polygon, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // UTF-8 byte order mark
	i := 0
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	if i == len(data) {
		return nil, &ParseError{Format: "WKT", Offset: i, Err: fmt.Errorf("%w: empty input", ErrInvalidGeometry)}
	}
	if data[i] == '{' {
		return parseGeoJSON(data)
	}
	return parseWKT(data)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// checkPolygon validates a parsed polygon; where names it in messages.
func checkPolygon(p orb.Polygon, where string) error {
	if len(p) == 0 {
		return fmt.Errorf("%w: %s: polygon has no rings", ErrInvalidGeometry, where)
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	for k, r := range p {
		if len(r) < 4 {
			return fmt.Errorf("%w: %s: ring %d has %d positions, at least 4 are needed", ErrInvalidGeometry, where, k, len(r))
		}
		for _, v := range r {
			if !(v[1] >= -90 && v[1] <= 90) {
				return fmt.Errorf("%w: %s: ring %d: latitude %v is outside [-90, 90]", ErrInvalidGeometry, where, k, v[1])
			}
			if !(v[0] >= -360 && v[0] <= 360) {
				return fmt.Errorf("%w: %s: ring %d: longitude %v is outside [-360, 360]", ErrInvalidGeometry, where, k, v[0])
			}
			minX, maxX = math.Min(minX, v[0]), math.Max(maxX, v[0])
		}
		if r[0] != r[len(r)-1] {
			return fmt.Errorf("%w: %s: ring %d is not closed (first position %v, last %v)", ErrInvalidGeometry, where, k, r[0], r[len(r)-1])
		}
		if !threeDistinct(r[:len(r)-1]) {
			return fmt.Errorf("%w: %s: ring %d has fewer than 3 distinct positions", ErrInvalidGeometry, where, k)
		}
	}
	if maxX-minX > 360 {
		return fmt.Errorf("%w: %s: polygon spans %v° of longitude, more than 360", ErrInvalidGeometry, where, maxX-minX)
	}
	return nil
}

// ---- GeoJSON ----

// parseGeoJSON returns the polygons of a GeoJSON document.
func parseGeoJSON(data []byte) ([]orb.Polygon, error) {
	fail := func(offset int, err error) error { return &ParseError{Format: "GeoJSON", Offset: offset, Err: err} }
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// Offset counts the bytes read, the offending one included.
			return nil, fail(max(int(se.Offset)-1, 0), fmt.Errorf("%w: %w", ErrInvalidGeometry, err))
		}
		return nil, fail(-1, fmt.Errorf("%w: %w", ErrInvalidGeometry, err))
	}
	var polys []orb.Polygon
	if err := geoJSONObject(top, "document", 0, &polys); err != nil {
		return nil, fail(-1, err)
	}
	if len(polys) == 0 {
		return nil, fail(-1, fmt.Errorf("%w: no polygons", ErrInvalidGeometry))
	}
	return polys, nil
}

func geoJSONType(obj map[string]json.RawMessage, where string) (string, error) {
	raw, ok := obj["type"]
	if !ok {
		return "", fmt.Errorf("%w: %s: no \"type\" member", ErrInvalidGeometry, where)
	}
	var t string
	if err := json.Unmarshal(raw, &t); err != nil {
		return "", fmt.Errorf("%w: %s: \"type\" is not a string", ErrInvalidGeometry, where)
	}
	return t, nil
}

// subObject decodes raw as a JSON object (not null).
func subObject(raw json.RawMessage, where string) (map[string]json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, fmt.Errorf("%w: %s: not an object: %w", ErrInvalidGeometry, where, err)
	}
	if obj == nil {
		return nil, fmt.Errorf("%w: %s: null", ErrInvalidGeometry, where)
	}
	return obj, nil
}

func geoJSONObject(obj map[string]json.RawMessage, where string, depth int, polys *[]orb.Polygon) error {
	if depth > maxNesting {
		return fmt.Errorf("%w: %s: nested more than %d deep", ErrInvalidGeometry, where, maxNesting)
	}
	t, err := geoJSONType(obj, where)
	if err != nil {
		return err
	}
	switch t {
	case "Polygon":
		var rings [][][]float64
		if err := coordinates(obj, where, &rings); err != nil {
			return err
		}
		p, err := ringsToPolygon(rings, where)
		if err != nil {
			return err
		}
		*polys = append(*polys, p)
	case "MultiPolygon":
		var mp [][][][]float64
		if err := coordinates(obj, where, &mp); err != nil {
			return err
		}
		if len(mp) == 0 {
			return fmt.Errorf("%w: %s: MultiPolygon has no polygons", ErrInvalidGeometry, where)
		}
		for k, rings := range mp {
			p, err := ringsToPolygon(rings, fmt.Sprintf("%s polygon %d", where, k))
			if err != nil {
				return err
			}
			*polys = append(*polys, p)
		}
	case "GeometryCollection":
		var gs []json.RawMessage
		if err := member(obj, "geometries", where, &gs); err != nil {
			return err
		}
		for k, g := range gs {
			w := fmt.Sprintf("%s.geometries[%d]", where, k)
			sub, err := subObject(g, w)
			if err != nil {
				return err
			}
			if err := geoJSONObject(sub, w, depth+1, polys); err != nil {
				return err
			}
		}
	case "Feature":
		raw, ok := obj["geometry"]
		if !ok {
			return fmt.Errorf("%w: %s: Feature has no \"geometry\"", ErrInvalidGeometry, where)
		}
		sub, err := subObject(raw, where+".geometry")
		if err != nil {
			return err
		}
		return geoJSONObject(sub, where+".geometry", depth+1, polys)
	case "FeatureCollection":
		var fs []json.RawMessage
		if err := member(obj, "features", where, &fs); err != nil {
			return err
		}
		for k, f := range fs {
			w := fmt.Sprintf("%s.features[%d]", where, k)
			sub, err := subObject(f, w)
			if err != nil {
				return err
			}
			ft, err := geoJSONType(sub, w)
			if err != nil {
				return err
			}
			if ft != "Feature" {
				return fmt.Errorf("%w: %s: type %q, want \"Feature\"", ErrInvalidGeometry, w, ft)
			}
			if err := geoJSONObject(sub, w, depth+1, polys); err != nil {
				return err
			}
		}
	case "Point", "MultiPoint", "LineString", "MultiLineString":
		return fmt.Errorf("%w: %s: a %s is not a region", ErrUnsupported, where, t)
	default:
		return fmt.Errorf("%w: %s: unknown GeoJSON type %q", ErrInvalidGeometry, where, t)
	}
	return nil
}

func member(obj map[string]json.RawMessage, name, where string, v any) error {
	raw, ok := obj[name]
	if !ok {
		return fmt.Errorf("%w: %s: no %q member", ErrInvalidGeometry, where, name)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%w: %s.%s: %w", ErrInvalidGeometry, where, name, err)
	}
	return nil
}

func coordinates(obj map[string]json.RawMessage, where string, v any) error {
	return member(obj, "coordinates", where, v)
}

// ringsToPolygon converts GeoJSON positions and validates the polygon.
func ringsToPolygon(rings [][][]float64, where string) (orb.Polygon, error) {
	p := make(orb.Polygon, len(rings))
	for k, ring := range rings {
		r := make(orb.Ring, len(ring))
		for i, pos := range ring {
			if len(pos) < 2 {
				return nil, fmt.Errorf("%w: %s: ring %d position %d has %d coordinates, at least 2 are needed", ErrInvalidGeometry, where, k, i, len(pos))
			}
			r[i] = orb.Point{pos[0], pos[1]}
		}
		p[k] = r
	}
	if err := checkPolygon(p, where); err != nil {
		return nil, err
	}
	return p, nil
}

// ---- WKT ----

// wktParser is a recursive-descent parser over the WKT grammar for polygons.
type wktParser struct {
	s    []byte
	i    int
	dims int // coordinates per position of the current geometry; 0 until known
}

func parseWKT(data []byte) ([]orb.Polygon, error) {
	p := &wktParser{s: data}
	polys, err := p.document()
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			return nil, pe
		}
		return nil, &ParseError{Format: "WKT", Offset: p.i, Err: err}
	}
	return polys, nil
}

func (p *wktParser) errorf(sentinel error, format string, args ...any) error {
	return &ParseError{Format: "WKT", Offset: p.i, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

// syntax errors wrap ErrInvalidGeometry too: the input does not describe a region.
func (p *wktParser) syntaxf(format string, args ...any) error {
	return p.errorf(ErrInvalidGeometry, format, args...)
}

func (p *wktParser) skipSpace() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

func (p *wktParser) peek() byte {
	p.skipSpace()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func isLetter(c byte) bool { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') }

// word reads a keyword, upper-cased; "" when the next token is not a word.
func (p *wktParser) word() string {
	p.skipSpace()
	j := p.i
	for j < len(p.s) && isLetter(p.s[j]) {
		j++
	}
	w := string(bytes.ToUpper(p.s[p.i:j]))
	p.i = j
	return w
}

// peekWord returns the next keyword without consuming it.
func (p *wktParser) peekWord() string {
	save := p.i
	w := p.word()
	p.i = save
	return w
}

func (p *wktParser) expect(c byte) error {
	if p.peek() != c {
		if p.i >= len(p.s) {
			return p.syntaxf("expected %q, found end of input", c)
		}
		return p.syntaxf("expected %q, found %q", c, p.s[p.i])
	}
	p.i++
	return nil
}

func (p *wktParser) number() (float64, error) {
	p.skipSpace()
	j := p.i
	for j < len(p.s) {
		c := p.s[j]
		if (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' {
			j++
			continue
		}
		break
	}
	if j == p.i {
		if p.i >= len(p.s) {
			return 0, p.syntaxf("expected a number, found end of input")
		}
		return 0, p.syntaxf("expected a number, found %q", p.s[p.i])
	}
	v, err := strconv.ParseFloat(string(p.s[p.i:j]), 64)
	if err != nil || !finite(v) {
		return 0, p.syntaxf("bad number %q", p.s[p.i:j])
	}
	p.i = j
	return v, nil
}

func (p *wktParser) document() ([]orb.Polygon, error) {
	if p.peekWord() == "SRID" {
		p.word()
		if err := p.expect('='); err != nil {
			return nil, err
		}
		at := p.i
		srid, err := p.number()
		if err != nil {
			return nil, err
		}
		if srid != 4326 {
			p.i = at
			return nil, p.errorf(ErrUnsupported, "SRID %v: only 4326 (WGS84 lon/lat) is supported", srid)
		}
		if err := p.expect(';'); err != nil {
			return nil, err
		}
	}
	polys, err := p.geometry(0)
	if err != nil {
		return nil, err
	}
	if p.peek() != 0 || p.i < len(p.s) {
		return nil, p.syntaxf("unexpected text after the geometry")
	}
	if len(polys) == 0 {
		return nil, p.errorf(ErrInvalidGeometry, "empty geometry")
	}
	return polys, nil
}

// dimsTag reads an optional Z, M or ZM after a type keyword.
func (p *wktParser) dimsTag() {
	switch p.peekWord() {
	case "Z", "M":
		p.word()
		p.dims = 3
	case "ZM":
		p.word()
		p.dims = 4
	default:
		p.dims = 0
	}
}

// empty consumes an EMPTY keyword if present.
func (p *wktParser) empty() bool {
	if p.peekWord() == "EMPTY" {
		p.word()
		return true
	}
	return false
}

func (p *wktParser) geometry(depth int) ([]orb.Polygon, error) {
	if depth > maxNesting {
		return nil, p.syntaxf("GEOMETRYCOLLECTION nested more than %d deep", maxNesting)
	}
	at := p.i
	kw := p.word()
	// Some writers glue the dimension to the type: POLYGONZ, MULTIPOLYGONZM.
	glued := 0
	for _, base := range [...]string{"POLYGON", "MULTIPOLYGON", "GEOMETRYCOLLECTION"} {
		switch kw {
		case base + "Z", base + "M":
			kw, glued = base, 3
		case base + "ZM":
			kw, glued = base, 4
		}
	}
	dimsTag := func() {
		if glued > 0 {
			p.dims = glued
			return
		}
		p.dimsTag()
	}
	switch kw {
	case "POLYGON":
		dimsTag()
		if p.empty() {
			return nil, nil
		}
		poly, err := p.polygon()
		if err != nil {
			return nil, err
		}
		return []orb.Polygon{poly}, nil
	case "MULTIPOLYGON":
		dimsTag()
		if p.empty() {
			return nil, nil
		}
		if err := p.expect('('); err != nil {
			return nil, err
		}
		var out []orb.Polygon
		for {
			if !p.empty() {
				poly, err := p.polygon()
				if err != nil {
					return nil, err
				}
				out = append(out, poly)
			}
			if p.peek() == ',' {
				p.i++
				continue
			}
			if err := p.expect(')'); err != nil {
				return nil, err
			}
			return out, nil
		}
	case "GEOMETRYCOLLECTION":
		dimsTag()
		if p.empty() {
			return nil, nil
		}
		if err := p.expect('('); err != nil {
			return nil, err
		}
		var out []orb.Polygon
		for {
			polys, err := p.geometry(depth + 1)
			if err != nil {
				return nil, err
			}
			out = append(out, polys...)
			if p.peek() == ',' {
				p.i++
				continue
			}
			if err := p.expect(')'); err != nil {
				return nil, err
			}
			return out, nil
		}
	case "POINT", "MULTIPOINT", "LINESTRING", "MULTILINESTRING", "CIRCULARSTRING", "COMPOUNDCURVE",
		"MULTICURVE", "CURVEPOLYGON", "MULTISURFACE", "POLYHEDRALSURFACE", "TIN", "TRIANGLE":
		p.i = at
		return nil, p.errorf(ErrUnsupported, "%s is not a supported region type", kw)
	case "":
		if p.i >= len(p.s) {
			return nil, p.syntaxf("expected a geometry type, found end of input")
		}
		return nil, p.syntaxf("expected a geometry type, found %q", p.s[p.i])
	default:
		p.i = at
		return nil, p.syntaxf("unknown geometry type %q", kw)
	}
}

// polygon reads "(ring, ring, ...)" and validates it.
func (p *wktParser) polygon() (orb.Polygon, error) {
	p.skipSpace()
	start := p.i
	if err := p.expect('('); err != nil {
		return nil, err
	}
	var poly orb.Polygon
	for {
		r, err := p.ring()
		if err != nil {
			return nil, err
		}
		poly = append(poly, r)
		if p.peek() == ',' {
			p.i++
			continue
		}
		if err := p.expect(')'); err != nil {
			return nil, err
		}
		break
	}
	if err := checkPolygon(poly, "polygon"); err != nil {
		end := p.i
		p.i = start
		e := p.errorf(ErrInvalidGeometry, "%s", errorsTrim(err))
		p.i = end
		return nil, e
	}
	return poly, nil
}

// errorsTrim returns err's message without the sentinel prefix checkPolygon adds.
func errorsTrim(err error) string {
	msg := err.Error()
	prefix := ErrInvalidGeometry.Error() + ": "
	if len(msg) >= len(prefix) && msg[:len(prefix)] == prefix {
		return msg[len(prefix):]
	}
	return msg
}

// ring reads "(x y, x y, ...)".
func (p *wktParser) ring() (orb.Ring, error) {
	if err := p.expect('('); err != nil {
		return nil, err
	}
	var r orb.Ring
	for {
		var c [4]float64
		n := 0
		for {
			if n == 4 {
				return nil, p.syntaxf("more than 4 coordinates in a position")
			}
			v, err := p.number()
			if err != nil {
				return nil, err
			}
			c[n] = v
			n++
			if b := p.peek(); b == ',' || b == ')' {
				break
			}
		}
		if n < 2 {
			return nil, p.syntaxf("position with %d coordinate, at least 2 are needed", n)
		}
		if p.dims == 0 {
			p.dims = n
		} else if n != p.dims {
			return nil, p.syntaxf("position with %d coordinates, %d expected", n, p.dims)
		}
		r = append(r, orb.Point{c[0], c[1]})
		if p.peek() == ',' {
			p.i++
			continue
		}
		if err := p.expect(')'); err != nil {
			return nil, err
		}
		return r, nil
	}
}
