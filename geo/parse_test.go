package geo

import (
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

var parseOK = []struct {
	Name  string
	Input string
	Cases []containsCase
}{
	{
		Name:  "WKT polygon",
		Input: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))",
		Cases: []containsCase{{"in", orb.Point{5, 5}, true}, {"edge", orb.Point{10, 5}, true}, {"out", orb.Point{11, 5}, false}},
	},
	{
		Name:  "WKT with hole, lower case, extra spaces",
		Input: "  polygon((0 0,10 0,10 10,0 10,0 0),( 4 4 , 4 6 , 6 6 , 6 4 , 4 4 ))\n",
		Cases: []containsCase{{"in", orb.Point{2, 2}, true}, {"hole", orb.Point{5, 5}, false}, {"hole edge", orb.Point{4, 5}, true}},
	},
	{
		Name:  "WKT Z",
		Input: "POLYGON Z ((0 0 1, 10 0 1, 10 10 1, 0 10 1, 0 0 1))",
		Cases: []containsCase{{"in", orb.Point{5, 5}, true}},
	},
	{
		Name:  "WKT implicit 3D",
		Input: "POLYGON ((0 0 1, 10 0 1, 10 10 1, 0 10 1, 0 0 1))",
		Cases: []containsCase{{"in", orb.Point{5, 5}, true}},
	},
	{
		Name:  "WKT ZM",
		Input: "POLYGON ZM ((0 0 1 2, 10 0 1 2, 10 10 1 2, 0 0 1 2))",
		Cases: []containsCase{{"in", orb.Point{6, 3}, true}, {"out", orb.Point{3, 6}, false}},
	},
	{
		Name:  "WKT with the dimension glued to the type",
		Input: "MULTIPOLYGONZ (((0 0 1, 10 0 1, 10 10 1, 0 0 1)))",
		Cases: []containsCase{{"in", orb.Point{6, 3}, true}, {"out", orb.Point{3, 6}, false}},
	},
	{
		Name:  "EWKT SRID 4326",
		Input: "SRID=4326;POLYGON((0 0,1 0,1 1,0 0))",
		Cases: []containsCase{{"in", orb.Point{0.6, 0.3}, true}},
	},
	{
		Name:  "WKT multipolygon across the antimeridian",
		Input: "MULTIPOLYGON (((170 -10, 180 -10, 180 10, 170 10, 170 -10)), ((-180 -10, -170 -10, -170 10, -180 10, -180 -10)), EMPTY)",
		Cases: []containsCase{{"west", orb.Point{175, 0}, true}, {"east", orb.Point{-175, 0}, true}, {"out", orb.Point{0, 0}, false}},
	},
	{
		Name:  "WKT geometry collection",
		Input: "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0)), MULTIPOLYGON (((5 5, 6 5, 6 6, 5 6, 5 5))), POLYGON EMPTY)",
		Cases: []containsCase{{"first", orb.Point{0.5, 0.5}, true}, {"second", orb.Point{5.5, 5.5}, true}, {"between", orb.Point{3, 3}, false}},
	},
	{
		Name:  "WKT scientific notation and signs",
		Input: "POLYGON ((-1e1 -1E1, +1.0e+1 -10, 10 10, -10 1e1, -10 -10))",
		Cases: []containsCase{{"in", orb.Point{0, 0}, true}},
	},
	{
		Name:  "WKT 0..360",
		Input: "POLYGON ((200 0, 300 0, 300 30, 200 30, 200 0))",
		Cases: []containsCase{{"-100", orb.Point{-100, 15}, true}, {"100", orb.Point{100, 15}, false}},
	},
	{
		Name:  "WKT subnormal triangle",
		Input: "POLYGON ((0 0, 1e-310 0, 1e-310 1e-310, 0 0))",
		Cases: []containsCase{{"vertex", orb.Point{0, 0}, true}, {"inside", orb.Point{6e-311, 3e-311}, true}, {"outside", orb.Point{3e-311, 6e-311}, false}},
	},
	{
		Name:  "GeoJSON Polygon",
		Input: `{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[4,6],[6,6],[6,4],[4,4]]]}`,
		Cases: []containsCase{{"in", orb.Point{2, 2}, true}, {"hole", orb.Point{5, 5}, false}},
	},
	{
		Name:  "GeoJSON MultiPolygon with altitudes and bbox",
		Input: `{"type":"MultiPolygon","bbox":[0,0,11,11],"coordinates":[[[[0,0,5],[1,0,5],[1,1,5],[0,0,5]]],[[[10,10],[11,10],[11,11],[10,10]]]]}`,
		Cases: []containsCase{{"first", orb.Point{0.7, 0.2}, true}, {"second", orb.Point{10.7, 10.2}, true}, {"out", orb.Point{5, 5}, false}},
	},
	{
		Name:  "GeoJSON Feature",
		Input: `{"type":"Feature","properties":{"name":"Iroise"},"geometry":{"type":"Polygon","coordinates":[[[-5.5,48],[-4.72,48],[-4.55,48.1],[-4.4,48.15],[-4.45,48.25],[-4.62,48.27],[-4.55,48.33],[-4.77,48.33],[-4.78,48.52],[-4.9,48.7],[-5.5,48.7],[-5.5,48]]]}}`,
		Cases: []containsCase{{"in", orb.Point{-5, 48.3}, true}, {"Brest, on land", orb.Point{-4.49, 48.39}, false}},
	},
	{
		Name: "GeoJSON FeatureCollection",
		Input: `{"type":"FeatureCollection","features":[
			{"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
			{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[
				{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,5]]]}]}}]}`,
		Cases: []containsCase{{"first", orb.Point{0.7, 0.2}, true}, {"second", orb.Point{5.7, 5.2}, true}, {"out", orb.Point{3, 3}, false}},
	},
	{
		Name:  "GeoJSON with a byte order mark",
		Input: "\xef\xbb\xbf" + `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`,
		Cases: []containsCase{{"in", orb.Point{0.7, 0.2}, true}},
	},
}

func TestParseRegion(t *testing.T) {
	for _, tt := range parseOK {
		t.Run(tt.Name, func(t *testing.T) {
			r, err := ParseRegion([]byte(tt.Input))
			if err != nil {
				t.Fatalf("ParseRegion: %v", err)
			}
			runContains(t, r, tt.Cases)
		})
	}
}

var parseBad = []struct {
	Name     string
	Input    string
	Sentinel error
	Offset   int // -2: do not check
	Msg      string
}{
	{"empty", "  \n", ErrInvalidGeometry, 3, "empty input"},
	{"unknown WKT type", "CIRCLE (0 0, 1)", ErrInvalidGeometry, 0, `unknown geometry type "CIRCLE"`},
	{"WKT point", "POINT (1 2)", ErrUnsupported, 0, "POINT is not a supported region type"},
	{"WKT linestring", "LINESTRING (1 2, 3 4)", ErrUnsupported, 0, ""},
	{"WKT empty polygon", "POLYGON EMPTY", ErrInvalidGeometry, -2, "empty geometry"},
	{"WKT unclosed ring", "POLYGON ((0 0, 1 0, 1 1, 0 1))", ErrInvalidGeometry, 8, "ring 0 is not closed"},
	{"WKT too few positions", "POLYGON ((0 0, 1 0, 0 0))", ErrInvalidGeometry, 8, "ring 0 has 3 positions"},
	{"WKT degenerate ring", "POLYGON ((0 0, 1 1, 0 0, 1 1, 0 0))", ErrInvalidGeometry, 8, "fewer than 3 distinct"},
	{"WKT latitude out of range", "POLYGON ((0 0, 1 0, 1 91, 0 0))", ErrInvalidGeometry, 8, "latitude 91"},
	{"WKT longitude out of range", "POLYGON ((0 0, 400 0, 1 1, 0 0))", ErrInvalidGeometry, 8, "longitude 400"},
	{"WKT wider than 360", "POLYGON ((-200 0, 200 0, 200 1, -200 0))", ErrInvalidGeometry, 8, "more than 360"},
	{"WKT missing paren", "POLYGON ((0 0, 1 0, 1 1, 0 0)", ErrInvalidGeometry, 29, `expected ')'`},
	{"WKT trailing text", "POLYGON ((0 0, 1 0, 1 1, 0 0)) x", ErrInvalidGeometry, 31, "unexpected text"},
	{"WKT NaN coordinate", "POLYGON ((0 0, NaN 0, 1 1, 0 0))", ErrInvalidGeometry, 15, "expected a number"},
	{"WKT huge number", "POLYGON ((0 0, 1e999 0, 1 1, 0 0))", ErrInvalidGeometry, 15, "bad number"},
	{"WKT one coordinate", "POLYGON ((0, 1 0, 1 1, 0 0))", ErrInvalidGeometry, -2, "position with 1 coordinate"},
	{"WKT mixed dimensions", "POLYGON ((0 0, 1 0 5, 1 1, 0 0))", ErrInvalidGeometry, -2, "3 coordinates, 2 expected"},
	{"WKT foreign SRID", "SRID=3857;POLYGON((0 0,1 0,1 1,0 0))", ErrUnsupported, 5, "SRID 3857"},
	{"WKT end of input", "POLYGON ((0 0, 1", ErrInvalidGeometry, 16, "end of input"},
	{"GeoJSON syntax", `{"type":"Polygon",}`, ErrInvalidGeometry, 18, "invalid character"},
	{"GeoJSON not an object", `{"type":"Feature","geometry":[1]}`, ErrInvalidGeometry, -1, "not an object"},
	{"GeoJSON point", `{"type":"Point","coordinates":[1,2]}`, ErrUnsupported, -1, "a Point is not a region"},
	{"GeoJSON unknown type", `{"type":"Circle"}`, ErrInvalidGeometry, -1, `unknown GeoJSON type "Circle"`},
	{"GeoJSON no type", `{"coordinates":[]}`, ErrInvalidGeometry, -1, `no "type"`},
	{"GeoJSON type is a number", `{"type":3}`, ErrInvalidGeometry, -1, "not a string"},
	{"GeoJSON no coordinates", `{"type":"Polygon"}`, ErrInvalidGeometry, -1, `no "coordinates"`},
	{"GeoJSON null coordinates", `{"type":"Polygon","coordinates":null}`, ErrInvalidGeometry, -1, "no rings"},
	{"GeoJSON string coordinate", `{"type":"Polygon","coordinates":[[["0",0],[1,0],[1,1],["0",0]]]}`, ErrInvalidGeometry, -1, "cannot unmarshal"},
	{"GeoJSON short position", `{"type":"Polygon","coordinates":[[[0],[1,0],[1,1],[0]]]}`, ErrInvalidGeometry, -1, "position 0 has 1 coordinates"},
	{"GeoJSON null position", `{"type":"Polygon","coordinates":[[null,[1,0],[1,1],null]]}`, ErrInvalidGeometry, -1, "position 0 has 0 coordinates"},
	{"GeoJSON unclosed", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`, ErrInvalidGeometry, -1, "not closed"},
	{"GeoJSON empty MultiPolygon", `{"type":"MultiPolygon","coordinates":[]}`, ErrInvalidGeometry, -1, "no polygons"},
	{"GeoJSON Feature without geometry", `{"type":"Feature","properties":{}}`, ErrInvalidGeometry, -1, `no "geometry"`},
	{"GeoJSON Feature with null geometry", `{"type":"Feature","geometry":null}`, ErrInvalidGeometry, -1, "null"},
	{"GeoJSON FeatureCollection of points", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]}}]}`, ErrUnsupported, -1, "features[0].geometry"},
	{"GeoJSON empty FeatureCollection", `{"type":"FeatureCollection","features":[]}`, ErrInvalidGeometry, -1, "no polygons"},
	{"GeoJSON feature of wrong type", `{"type":"FeatureCollection","features":[{"type":"Polygon","coordinates":[]}]}`, ErrInvalidGeometry, -1, `want "Feature"`},
	{"GeoJSON huge number", `{"type":"Polygon","coordinates":[[[1e999,0],[1,0],[1,1],[0,0]]]}`, ErrInvalidGeometry, -1, "cannot unmarshal"},
	{"GeoJSON deep nesting", strings.Repeat(`{"type":"GeometryCollection","geometries":[`, 40) + strings.Repeat("]}", 40), ErrInvalidGeometry, -1, "nested more than 32"},
}

func TestParseRegionErrors(t *testing.T) {
	for _, tt := range parseBad {
		t.Run(tt.Name, func(t *testing.T) {
			r, err := ParseRegion([]byte(tt.Input))
			if err == nil {
				t.Fatalf("ParseRegion(%q) = %v, want an error", tt.Input, r)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
			if !errors.Is(err, tt.Sentinel) {
				t.Errorf("error %v does not wrap %v", err, tt.Sentinel)
			}
			if tt.Offset != -2 && pe.Offset != tt.Offset {
				t.Errorf("offset %d, want %d (%v)", pe.Offset, tt.Offset, err)
			}
			if !strings.HasPrefix(err.Error(), "geo: parse ") || !strings.Contains(err.Error(), tt.Msg) {
				t.Errorf("message %q, want it to contain %q", err.Error(), tt.Msg)
			}
		})
	}
}
